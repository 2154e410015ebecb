using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Reads <c>routing.thermal</c>: <c>{ source, envelope, device, min_tokens_per_s }</c>.</summary>
internal static class ThermalReader
{
    public static ThermalOptions? Read(ConfigMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var options = new ThermalOptions
        {
            Source = map.Enum<ThermalSource>("source") ?? ThermalSource.Auto,
            Envelope = map.Text("envelope"),
            Device = map.Text("device"),
            MinTokensPerSecond = map.Number("min_tokens_per_s", 0, 1_000_000),
        };
        map.RejectUnknown();
        return options;
    }
}
