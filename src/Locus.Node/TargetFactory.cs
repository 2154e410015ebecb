using Locus.Core.Abstractions;
using Locus.Providers;
using Locus.Routing.Options;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Node;

/// <summary>Builds the backend for a remote target from its options.</summary>
internal static class TargetFactory
{
    /// <param name="nodeName">This node's name: a peer is told which node delegated each request to it.</param>
    public static IChatClient CreateRemote(TargetOptions target, Func<string, string?> environment, ILoggerFactory? loggers, TimeProvider time, string nodeName) =>
        ChatProviders.Create(new ProviderOptions
        {
            Name = target.Name,
            Kind = target.Kind == TargetKind.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
            BaseUrl = target.BaseUrl!,
            Model = target.Model,
            ApiKey = target.ApiKeyEnv is { } env ? environment(env) : null,
            Timeout = target.Timeout,
            IdleTimeout = target.IdleTimeout,
            MaxRetries = target.MaxRetries,
            BreakerFailureThreshold = target.BreakerFailures,
            BreakDuration = target.BreakDuration,
            Headers = target.Kind == TargetKind.Peer ? Delegating(target.Headers, nodeName) : target.Headers,
        }, handler: null, loggers, time);

    /// <summary>A peer's headers: every request to it is marked delegated, so the peer never passes it on (no loops).</summary>
    private static Dictionary<string, string> Delegating(IReadOnlyDictionary<string, string> headers, string nodeName) =>
        new(headers, StringComparer.OrdinalIgnoreCase) { [DelegationHeaders.Delegated] = HeaderValue(nodeName) };

    // Header values are ASCII; a machine name may not be.
    private static string HeaderValue(string name)
    {
        var ascii = new string([.. name.Where(c => c is > ' ' and <= '~').Take(64)]);
        return ascii.Length > 0 ? ascii : "1";
    }

    /// <summary>Whether two configurations of a target need the same backend (so a reload can keep its state).</summary>
    public static bool Same(TargetOptions a, TargetOptions b) =>
        a with { Headers = Empty } == b with { Headers = Empty }
        && a.Headers.Count == b.Headers.Count
        && a.Headers.All(h => b.Headers.TryGetValue(h.Key, out var v) && v == h.Value);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
