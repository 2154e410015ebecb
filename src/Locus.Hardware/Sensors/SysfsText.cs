using System.Globalization;

namespace Locus.Hardware.Sensors;

/// <summary>Reads the one-value files sysfs exposes; a missing or unreadable file is "no value", never an error.</summary>
internal static class SysfsText
{
    public static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static long? ReadLong(string path) =>
        long.TryParse(Read(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>sysfs temperatures are millidegrees Celsius.</summary>
    public static double? ReadMilliCelsius(string path) => ReadLong(path) is { } milli ? milli / 1000.0 : null;

    public static IEnumerable<string> Directories(string parent, string prefix) =>
        Directory.Exists(parent)
            ? Directory.EnumerateDirectories(parent, prefix + "*").Order(StringComparer.Ordinal)
            : [];
}
