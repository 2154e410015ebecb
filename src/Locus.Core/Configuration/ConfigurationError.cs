namespace Locus.Core.Configuration;

/// <summary>One problem found while loading the configuration.</summary>
/// <param name="Key">The dotted key at fault (e.g. <c>server.port</c>), or null for a problem with a whole file.</param>
/// <param name="Message">What is wrong, never including a secret value.</param>
/// <param name="Source">Where the value came from, e.g. <c>from environment variable LOCUS_SERVER_PORT</c>.</param>
public sealed record ConfigurationError(string? Key, string Message, string? Source = null)
{
    /// <summary>The error as one line, e.g. <c>server.port: must be between 0 and 65535, got 70000 (from ...)</c>.</summary>
    public override string ToString()
    {
        var text = Key is null ? Message : $"{Key}: {Message}";
        return Source is null ? text : $"{text} ({Source})";
    }
}
