using Locus.Core.Configuration;
using Locus.Node.Configuration;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>A test node's config: every section read from a file, as <c>locus serve</c> reads it, with the test's own options.</summary>
internal static class NodeConfigFiles
{
    /// <summary>
    /// Reads <paramref name="file"/> (no <c>LOCUS_*</c> variables, no flags; the variables it names come from
    /// <paramref name="variables"/>, default none) and replaces the <c>server</c>/<c>llama</c>/<c>models</c> options.
    /// </summary>
    public static NodeConfig Read(string file, LocusOptions options, Func<string, string?>? variables = null) =>
        NodeConfig.Load(new ConfigurationSources { ConfigPath = file, Variables = variables ?? (_ => null) }) with { Options = options };
}
