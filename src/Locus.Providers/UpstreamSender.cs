using System.Net.Http.Headers;
using System.Text.Json;
using Locus.Providers.Http;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Locus.Providers;

/// <summary>
/// Sends one request body to the target with a per-attempt timeout and Polly retries. Retries happen only while
/// nothing has reached the caller: around the whole call when not streaming, up to the response headers when
/// streaming. Every failure leaves as an <see cref="UpstreamFailure"/>.
/// </summary>
internal sealed class UpstreamSender
{
    /// <summary>Larger answers are refused rather than buffered: no chat completion is this big.</summary>
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");
    private static readonly Dictionary<string, string> Empty = [];

    private readonly HttpClient http;
    private readonly ProviderOptions options;
    private readonly IWireProtocol protocol;
    private readonly Failures failures;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Uri endpoint;
    private readonly ResiliencePipeline pipeline;

    /// <param name="path">Where requests go, relative to the base URL; default: the protocol's chat path.</param>
    public UpstreamSender(HttpClient http, ProviderOptions options, IWireProtocol protocol, Failures failures, TimeProvider time, ILogger logger,
        string? path = null)
    {
        this.http = http;
        this.options = options;
        this.protocol = protocol;
        this.failures = failures;
        this.time = time;
        this.logger = logger;
        endpoint = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + (path ?? protocol.Path));
        pipeline = BuildPipeline();
    }

    /// <summary>A whole, parsed answer.</summary>
    /// <param name="headers">Extra headers for this call only (e.g. a delegated request's privacy marking); null for none.</param>
    public Task<ChatResponse> GetAsync(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken) =>
        GetAsync(body, headers, protocol.ReadResponse, cancellationToken);

    /// <summary>A whole answer, parsed by <paramref name="read"/> (which throws <see cref="JsonException"/> or
    /// <see cref="UpstreamProtocolException"/> on a body of the wrong shape).</summary>
    public async Task<T> GetAsync<T>(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, ReadBody<T> read,
        CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                static (state, token) => state.Self.AttemptAsync(state.Body, state.Headers, stream: false,
                    (response, t) => state.Self.ReadResponseAsync(response, state.Read, t), token),
                (Self: this, Body: body, Headers: headers, Read: read),
                cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamFailure failure)
        {
            throw failure.ToLocusException();
        }
    }

    /// <summary>A 2xx response whose body is the event stream; the caller owns (and disposes) it.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                static (state, token) => state.Self.AttemptAsync(state.Body, state.Headers, stream: true, static (response, _) => ValueTask.FromResult(response), token),
                (Self: this, Body: body, Headers: headers),
                cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamFailure failure)
        {
            throw failure.ToLocusException();
        }
    }

    private async ValueTask<T> AttemptAsync<T>(
        ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, bool stream, Func<HttpResponseMessage, CancellationToken, ValueTask<T>> onSuccess,
        CancellationToken cancellationToken)
    {
        using var request = CreateRequest(body, headers, stream);
        HttpResponseMessage response;
        using (var timeout = new CancellationTokenSource(options.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not the caller's cancellation: our attempt timeout, or the handler's connect timeout.
                throw failures.HeadersTimeout();
            }
            catch (HttpRequestException e)
            {
                throw failures.Connection(e);
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return await onSuccess(response, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<T> ReadResponseAsync<T>(HttpResponseMessage response, ReadBody<T> read, CancellationToken cancellationToken)
    {
        using (response)
        {
            ReadOnlyMemory<byte> body;
            try
            {
                body = await BodyReader.ReadAsync(response, MaxBodyBytes, options.IdleTimeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw failures.IdleTimeout();
            }
            catch (InvalidDataException e)
            {
                throw failures.Malformed(e);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw failures.StreamCut(e);
            }

            try
            {
                return read(body.Span);
            }
            catch (JsonException e)
            {
                throw failures.Malformed(e);
            }
            catch (UpstreamProtocolException e)
            {
                throw failures.Protocol(e);
            }
        }
    }

    private async Task<UpstreamFailure> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> body;
        try
        {
            body = await BodyReader.ReadAsync(response, MaxErrorBodyBytes, options.IdleTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException)
        {
            body = default; // the status alone still says what happened
        }

        return failures.FromStatus(response.StatusCode, ErrorBody.Parse(body), Failures.RetryAfter(response.Headers, time));
    }

    private HttpRequestMessage CreateRequest(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(stream ? EventStream : Json);
        protocol.AddHeaders(request.Headers);
        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in headers ?? Empty)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private ResiliencePipeline BuildPipeline()
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = Failures.RetryAfterCap,
                // Only our own retryable failures: a caller's cancellation and programming errors pass straight through.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is UpstreamFailure { Retryable: true }),
                // The upstream knows best when it can take the request again.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is UpstreamFailure { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var failure = (UpstreamFailure)args.Outcome.Exception!;
                    var status = failure.HttpStatus is { } code ? $"HTTP {code}" : failure.Error.Kind.ToString();
                    Log.Retrying(logger, options.Name, args.AttemptNumber + 1, status, failure.Error.Code, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}

/// <summary>Parses a whole response body.</summary>
internal delegate T ReadBody<out T>(ReadOnlySpan<byte> body);
