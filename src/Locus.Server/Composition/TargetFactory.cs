using Locus.Providers;
using Locus.Routing.Options;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Composition;

/// <summary>Builds the backend for a remote target from its options.</summary>
internal static class TargetFactory
{
    public static IChatClient CreateRemote(TargetOptions target, Func<string, string?> environment, ILoggerFactory? loggers, TimeProvider time) =>
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
            Headers = target.Headers,
        }, handler: null, loggers, time);

    /// <summary>Whether two configurations of a target need the same backend (so a reload can keep its state).</summary>
    public static bool Same(TargetOptions a, TargetOptions b) =>
        a with { Headers = Empty } == b with { Headers = Empty }
        && a.Headers.Count == b.Headers.Count
        && a.Headers.All(h => b.Headers.TryGetValue(h.Key, out var v) && v == h.Value);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
