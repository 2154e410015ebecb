using Locus.Core.Configuration;

namespace Locus.Mesh.Configuration;

/// <summary>Binds <c>mesh:</c>; each value (addresses, the listener, the sync interval) is checked as it is read.</summary>
internal sealed class MeshSectionBinder : IConfigSection<MeshSettings>
{
    public IReadOnlyList<string> Keys { get; } = new string[] { "mesh" };

    public MeshSettings Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Root.Map("mesh") is not { } map)
        {
            return new MeshSettings();
        }

        var settings = new MeshSettings
        {
            Enabled = map.Bool("enabled") ?? true,
            Name = map.Text("name"),
            DataDirectory = document.ResolvePath(map.Text("data_dir") ?? MeshSettings.DefaultDataDirectory),
            SyncInterval = map.Millis("sync_interval_ms") is { } interval && interval >= TimeSpan.FromMilliseconds(100) ? interval
                : !map.Has("sync_interval_ms") ? TimeSpan.FromSeconds(5) : map.Fail<TimeSpan?>("sync_interval_ms", "must be at least 100") ?? default,
            FullSync = map.Bool("full_sync") ?? false,
            Discovery = map.Bool("discovery") ?? false,
            DiscoveryPort = map.Int("discovery_port", 1, 65535) ?? MeshSettings.DefaultPort + 1,
            Advertise = Url(map, "advertise"),
            Peers = [.. (map.TextList("peers") ?? []).Select((p, i) => Url(map, $"peers[{i}]", p)).OfType<Uri>()],
        };
        if (map.Text("listen") is { } listen)
        {
            var colon = listen.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
            {
                map.Fail("listen", $"expected host:port (e.g. 0.0.0.0:{MeshSettings.DefaultPort}), got \"{listen}\"");
            }
            else
            {
                settings = settings with { ListenHost = listen[..colon].Trim('[', ']'), ListenPort = port };
            }
        }

        map.RejectUnknown();
        return settings;
    }

    private static Uri? Url(ConfigMap map, string key, string? text = null)
    {
        text ??= map.Text(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" && url.AbsolutePath == "/")
        {
            return url;
        }

        map.Fail(key, $"must be a peer's mesh address like http://192.168.1.10:{MeshSettings.DefaultPort}, got \"{text}\"");
        return null;
    }
}
