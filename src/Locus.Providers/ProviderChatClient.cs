using System.Runtime.CompilerServices;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Http;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Providers;

/// <summary>
/// One upstream target as an <see cref="IChatClient"/>: writes the protocol's request, sends it through retries and
/// this target's circuit breaker, and reads the answer back. Failures surface as <see cref="LocusException"/>.
/// </summary>
internal sealed class ProviderChatClient : IChatClient
{
    private readonly ProviderOptions options;
    private readonly IWireProtocol protocol;
    private readonly HttpClient http;
    private readonly UpstreamSender sender;
    private readonly CircuitBreaker breaker;
    private readonly Failures failures;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ChatClientMetadata metadata;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? embeddings;

    public ProviderChatClient(ProviderOptions options, IWireProtocol protocol, HttpClient http, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.protocol = protocol;
        this.http = http;
        this.time = time;
        this.logger = logger;
        failures = new Failures(options);
        sender = new UpstreamSender(http, options, protocol, failures, time, logger);
        breaker = new CircuitBreaker(options.BreakerFailureThreshold, options.BreakDuration, time, failures, logger, options.Name);
        metadata = new ChatClientMetadata(protocol.ProviderName, options.BaseUrl, options.Model);
        // An OpenAI-compatible server answers /embeddings beside /chat/completions; Anthropic has no embeddings API.
        embeddings = options.Kind == ProviderKind.OpenAI
            ? new OpenAIEmbeddingGenerator(options, new UpstreamSender(http, options, protocol, failures, time, logger, "embeddings"))
            : null;
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = Prepare(messages, options, stream: false);
        breaker.Enter();
        var started = time.GetTimestamp();
        var recorded = false;
        try
        {
            var response = await sender.GetAsync(body, Headers(options), cancellationToken).ConfigureAwait(false);
            recorded = Finished(started, response.Usage, response.FinishReason);
            return response;
        }
        catch (LocusException e)
        {
            recorded = Failed(started, e.Error);
            throw;
        }
        finally
        {
            if (!recorded)
            {
                Abandoned(started);
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = Prepare(messages, options, stream: true);
        breaker.Enter();
        var started = time.GetTimestamp();
        var recorded = false;
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await sender.OpenStreamAsync(body, Headers(options), cancellationToken).ConfigureAwait(false);
            }
            catch (LocusException e)
            {
                recorded = Failed(started, e.Error);
                throw;
            }

            using (response)
            {
                // From here on the caller may hold tokens, so nothing is retried: a failure ends the stream.
                var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var stream = new IdleTimeoutStream(content, this.options.IdleTimeout, time, cancellationToken);
                await using var streamLifetime = stream.ConfigureAwait(false);
                var updates = protocol.ReadStream(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using var updatesLifetime = updates.ConfigureAwait(false);
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (Exception e) when (e is TimeoutException or IOException or HttpRequestException or JsonException or UpstreamProtocolException)
                    {
                        var failure = StreamFailure(e);
                        recorded = Failed(started, failure.Error);
                        throw failure.ToLocusException();
                    }

                    var update = updates.Current;
                    finish = update.FinishReason ?? finish;
                    foreach (var item in update.Contents)
                    {
                        usage = item is UsageContent u ? u.Details : usage;
                    }

                    yield return update;
                }
            }

            recorded = Finished(started, usage, finish);
        }
        finally
        {
            // Ended early by the caller (cancelled, or stopped reading): no verdict on the target.
            if (!recorded)
            {
                Abandoned(started);
            }
        }
    }

    // The caller's per-call headers (delegation) win over the protocol's (an Anthropic client's beta header).
    private IReadOnlyDictionary<string, string>? Headers(ChatOptions? options)
    {
        var upstream = options?.AdditionalProperties?.TryGetValue(LocusChatOptions.UpstreamHeaders, out var value) == true
            ? value as IReadOnlyDictionary<string, string>
            : null;
        if (protocol.CallHeaders(options) is not { Count: > 0 } own)
        {
            return upstream;
        }

        var merged = new Dictionary<string, string>(own, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, header) in upstream ?? new Dictionary<string, string>())
        {
            merged[name] = header;
        }

        return merged;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ITargetHealth))
        {
            return breaker;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        if (serviceType == typeof(IEmbeddingGenerator<string, Embedding<float>>))
        {
            return embeddings;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => http.Dispose();

    private ReadOnlyMemory<byte> Prepare(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = protocol.WriteRequest(messages, chatOptions, stream);
        Log.CallStarted(logger, options.Name, options.Kind, options.Model, stream);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Log.RequestBody(logger, options.Name, System.Text.Encoding.UTF8.GetString(body.Span));
        }

        return body;
    }

    private UpstreamFailure StreamFailure(Exception e) => e switch
    {
        TimeoutException => failures.IdleTimeout(),
        JsonException => failures.Malformed(e),
        UpstreamProtocolException p => failures.Protocol(p),
        _ => failures.StreamCut(e),
    };

    private bool Finished(long started, UsageDetails? usage, ChatFinishReason? finish)
    {
        breaker.Exit(null);
        Log.CallFinished(logger, options.Name, Elapsed(started), usage?.InputTokenCount, usage?.OutputTokenCount, finish?.Value);
        return true;
    }

    private bool Failed(long started, LocusError error)
    {
        breaker.Exit(error);
        Log.CallFailed(logger, options.Name, Elapsed(started), error.Kind.ToString(), error.Code);
        Log.FailureDetail(logger, options.Name, error.Message);
        return true;
    }

    private void Abandoned(long started)
    {
        breaker.Abandon();
        Log.CallCancelled(logger, options.Name, Elapsed(started));
    }

    private long Elapsed(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;
}
