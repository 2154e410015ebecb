using System.Globalization;

namespace Locus.Hardware.Detection;

/// <summary>Reads /proc/cpuinfo, /proc/meminfo and /sys/class/drm under a root (the real "/" or a test folder).</summary>
public static class MachineDetector
{
    public static MachineInfo Detect(string root = "/")
    {
        var cpuinfo = ReadOrEmpty(Path.Combine(root, "proc/cpuinfo"));
        var fields = cpuinfo.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .Select(p => (Key: p[0].Trim(), Value: p[1].Trim())).ToList();
        string? First(string key) => fields.FirstOrDefault(f => f.Key == key).Value;
        var model = First("model name") ?? First("Model") ?? First("Hardware") ?? "unknown CPU";
        var cores = Math.Max(fields.Count(f => f.Key == "processor"), 1);
        var physical = PhysicalCores(fields) is > 0 and var p ? p : cores;
        double? mhz = double.TryParse(First("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null;
        var flags = (First("flags") ?? First("Features") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new MachineInfo(model, cores, physical, First("vendor_id") ?? "", mhz, MemInfo.Bytes(root, "MemTotal") ?? 0, Gpus(Path.Combine(root, "sys/class/drm")), flags);
    }

    /// <summary>Distinct (physical id, core id) pairs, in the order /proc/cpuinfo lists each processor's fields; 0 when absent.</summary>
    private static int PhysicalCores(List<(string Key, string Value)> fields)
    {
        var pairs = new HashSet<(string, string)>();
        var package = "0";
        foreach (var (key, value) in fields)
        {
            if (key == "physical id")
            {
                package = value;
            }
            else if (key == "core id")
            {
                pairs.Add((package, value));
            }
        }

        return pairs.Count;
    }

    /// <summary>card0, card1 … (not their connectors card0-HDMI-A-1), described by PCI vendor and driver.</summary>
    private static List<string> Gpus(string drm)
    {
        if (!Directory.Exists(drm))
        {
            return [];
        }

        return [.. Directory.GetDirectories(drm, "card*").Select(Path.GetFileName).Where(n => n!.All(c => c != '-')).Order(StringComparer.Ordinal)
            .Select(card =>
            {
                var device = Path.Combine(drm, card!, "device");
                var vendor = ReadOrEmpty(Path.Combine(device, "vendor")).Trim() switch
                {
                    "0x10de" => "NVIDIA",
                    "0x1002" => "AMD",
                    "0x8086" => "Intel",
                    var other => other.Length == 0 ? "unknown vendor" : other,
                };
                var id = ReadOrEmpty(Path.Combine(device, "device")).Trim();
                var driver = ReadOrEmpty(Path.Combine(device, "uevent")).Split('\n').FirstOrDefault(l => l.StartsWith("DRIVER=", StringComparison.Ordinal))?[7..];
                return $"{card}: {vendor} {id}{(driver is null ? "" : $" (driver {driver})")}".Replace("  ", " ", StringComparison.Ordinal);
            })];
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
