namespace Locus.Architecture.Tests;

/// <summary>
/// Namespace cycles that are still allowed, each until the issue-13 work named beside it removes it. Any other cycle
/// fails the check, and so does an entry here that no longer matches a cycle exactly: when a cycle is broken (or
/// changes), the test says which line to delete or replace. The goal is an empty list.
/// </summary>
internal static class KnownCycles
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string[]>> ByAssembly =
        new Dictionary<string, IReadOnlyList<string[]>>(StringComparer.Ordinal)
        {
            // Issue 13 item 3 (one wire model): Wire's ProviderJsonContext -> the OpenAI and Anthropic DTOs, which use
            // Wire and the root's ProviderOptions; the root's ChatProviders and ProviderChatClient use them all.
            ["Locus.Providers"] =
            [
                ["Locus.Providers", "Locus.Providers.Anthropic", "Locus.Providers.OpenAI", "Locus.Providers.Resilience", "Locus.Providers.Wire"],
            ],

            // Issue 13 items 3 and 5 (wire model, server as a thin HTTP front): Sse <-> Endpoints through OpenAIMapping
            // and ResponseMeta, Errors -> Endpoints (RequestBody) and Sse, and the root's Log and LocusServer used by
            // and using every feature folder.
            ["Locus.Server"] =
            [
                ["Locus.Server", "Locus.Server.Auth", "Locus.Server.Endpoints", "Locus.Server.Errors", "Locus.Server.Mesh", "Locus.Server.Sse", "Locus.Server.Web"],
            ],
        };

    public static IReadOnlyList<string[]> Of(string assembly) => ByAssembly.TryGetValue(assembly, out var cycles) ? cycles : [];
}
