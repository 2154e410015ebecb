using System.Globalization;

namespace Locus.Mesh.Store;

/// <summary>The documents the crash helper edits, and what edit n leaves in each (shared with the test by link).</summary>
internal static class CrashDocuments
{
    public const string Text = "notes", Map = "prefs", Set = "tags", Counter = "spend";

    public static string Token(long n) => string.Create(CultureInfo.InvariantCulture, $"[{n}]");

    public static string Key(long n) => string.Create(CultureInfo.InvariantCulture, $"k{n}");

    public static string Value(long n) => string.Create(CultureInfo.InvariantCulture, $"v{n}");
}
