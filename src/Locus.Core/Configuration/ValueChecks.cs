using System.Net;

namespace Locus.Core.Configuration;

/// <summary>Checks on single values; each returns the problem as a phrase, or null when the value is fine.</summary>
internal static class ValueChecks
{
    /// <summary>The server binds an address, not a name: only IP literals, <c>localhost</c> and <c>*</c>/<c>+</c> (any).</summary>
    public static string? Host(string host) =>
        host is "localhost" or "*" or "+" || IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? null
            : $"must be an IP address, localhost or * (all addresses), got \"{host}\"";

    /// <summary>Only loopback addresses are safe without API keys: anything else is reachable from the network.</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The model file lives directly in the models folder; a path here could write outside it.</summary>
    public static string? FileName(string name) =>
        name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            ? $"must be a plain file name without folders, got \"{name}\""
            : null;

    public static string? Sha256(string digest) =>
        digest.Length == 64 && digest.All(char.IsAsciiHexDigit)
            ? null
            : $"must be 64 hexadecimal characters (a SHA-256 digest), got \"{(digest.Length > 70 ? digest[..67] + "..." : digest)}\"";

    public static Uri? HttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;
}
