using System.Globalization;

namespace Locus.Hardware.Detection;

/// <summary>One field of <c>/proc/meminfo</c> under a root (the real "/" or a test folder).</summary>
public static class MemInfo
{
    /// <summary>The field in bytes ("MemTotal", "MemAvailable", ...); null when the file or the field is absent.</summary>
    public static long? Bytes(string root, string field)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(root, "proc/meminfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // absent (not Linux) or unreadable: unknown
        }

        foreach (var line in text.Split('\n'))
        {
            // "MemTotal:       24579116 kB"
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == field + ":" && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                return kb * 1024;
            }
        }

        return null;
    }
}
