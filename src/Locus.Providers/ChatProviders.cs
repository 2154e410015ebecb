using System.Net;
using Locus.Providers.Anthropic;
using Locus.Providers.OpenAI;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Providers;

/// <summary>Creates <see cref="IChatClient"/>s for upstream targets (OpenAI-compatible servers, Anthropic).</summary>
public static class ChatProviders
{
    /// <summary>
    /// A client for one target. Create one per target and keep it: it owns the connection pool and the target's
    /// circuit breaker, whose state is exposed as <c>GetService(typeof(ITargetHealth))</c>.
    /// </summary>
    /// <param name="handler">The HTTP handler to send through (not disposed with the client); default: a pooled one.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IChatClient Create(
        ProviderOptions options, HttpMessageHandler? handler = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        Validate(options);
        IWireProtocol protocol = options.Kind switch
        {
            ProviderKind.OpenAI => new OpenAIProtocol(options.Model, options.ApiKey),
            ProviderKind.Anthropic => new AnthropicProtocol(options.Model, options.ApiKey, options.AnthropicVersion, options.DefaultMaxTokens),
            _ => throw new ArgumentException($"Unknown provider kind {options.Kind}.", nameof(options)),
        };
        // Timeouts are ours (per attempt, and idle while reading); HttpClient's own would cut long streams.
        var http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        var logger = (ILogger?)loggerFactory?.CreateLogger<ProviderChatClient>() ?? NullLogger.Instance;
        return new ProviderChatClient(options, protocol, http, time ?? TimeProvider.System, logger);
    }

    private static SocketsHttpHandler CreateHandler(ProviderOptions options) => new()
    {
        // Recycled now and then so DNS changes (failover, load balancers) are picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = options.Timeout,
        AutomaticDecompression = DecompressionMethods.All,
    };

    private static void Validate(ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model, nameof(options));
        Require(options, options.BaseUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
            $"Target '{options.Name}': base_url must be an absolute http(s) URL.");
        Require(options, options.Timeout > TimeSpan.Zero, $"Target '{options.Name}': timeout must be positive.");
        Require(options, options.IdleTimeout > TimeSpan.Zero, $"Target '{options.Name}': idle timeout must be positive.");
        Require(options, options.MaxRetries >= 0, $"Target '{options.Name}': max retries cannot be negative.");
        Require(options, options.RetryBaseDelay >= TimeSpan.Zero, $"Target '{options.Name}': the retry delay cannot be negative.");
        Require(options, options.BreakerFailureThreshold >= 0, $"Target '{options.Name}': the breaker threshold cannot be negative (0 turns it off).");
        Require(options, options.BreakDuration > TimeSpan.Zero, $"Target '{options.Name}': the break duration must be positive.");
        Require(options, options.DefaultMaxTokens > 0, $"Target '{options.Name}': the default max tokens must be positive.");
        ArgumentNullException.ThrowIfNull(options.Headers);
    }

    private static void Require(ProviderOptions options, bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, nameof(options));
        }
    }
}
