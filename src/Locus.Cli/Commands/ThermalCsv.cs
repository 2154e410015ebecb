using System.Globalization;
using System.Text;
using Locus.Hardware.Thermal;

namespace Locus.Cli.Commands;

/// <summary>`locus thermal --csv`: every simulation step, one row, for plotting elsewhere.</summary>
internal static class ThermalCsv
{
    public const string Header = "envelope,device,t_s,junction_c,heatsink_c,power_w,tokens_per_s,joules_per_token,throttled,binding_limit";

    public static void Write(TextWriter writer, IEnumerable<ThermalResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteLine(Header);
        var line = new StringBuilder();
        foreach (var result in results)
        {
            var (trace, duty) = (result.Trace, result.Request.Duty);
            for (var i = 0; i < trace.Count; i++)
            {
                var tokens = trace.TokensPerSecond[i] * duty;
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"{result.Request.Envelope.Id},{result.Request.Device.Id},{trace.TimeAt(i):0.###},{trace.JunctionC[i]:0.###},{trace.SinkC[i]:0.###},");
                line.Append(CultureInfo.InvariantCulture, $"{trace.Watts[i]:0.###},{trace.TokensPerSecond[i]:0.###},");
                line.Append(tokens > 0 ? (trace.Watts[i] / tokens).ToString("0.####", CultureInfo.InvariantCulture) : "");
                line.Append(result.ThrottledAt(i) ? ",true," : ",false,").Append(trace.Binding[i].Name());
                writer.WriteLine(line.ToString());
            }
        }
    }
}
