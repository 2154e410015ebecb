using System.Net;
using System.Net.Http.Headers;
using Locus.Core.Errors;
using Locus.Providers.Protocols;
using Locus.Wire.Anthropic;

namespace Locus.Providers;

/// <summary>
/// Every way a call to one target fails, as a <see cref="LocusError"/> that names the target and says what to do.
/// Messages carry the host, never the full URL (it may hold credentials) and never the API key.
/// </summary>
internal sealed class Failures(ProviderOptions options)
{
    /// <summary>The longest Retry-After honoured by waiting; a longer one goes straight back to the caller.</summary>
    public static readonly TimeSpan RetryAfterCap = TimeSpan.FromSeconds(10);

    private const int MaxUpstreamMessage = 500;

    private string Target => $"target '{options.Name}'";

    private string Host => $"{options.BaseUrl.Host}:{options.BaseUrl.Port}";

    public UpstreamFailure Connection(HttpRequestException e)
    {
        var (unreachable, reason) = e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => (true, "the connection was refused or reset"),
            HttpRequestError.NameResolutionError => (true, "the host name could not be resolved"),
            HttpRequestError.SecureConnectionError => (true, "the TLS handshake failed"),
            HttpRequestError.ProxyTunnelError => (true, "the proxy tunnel failed"),
            _ => (false, "the connection broke before the response headers arrived"),
        };
        var error = unreachable
            ? new LocusError(LocusErrorKind.Unavailable, $"Upstream {Target} is unreachable at {Host}: {reason}. Check that it is running and that its base_url is right.", Code: "upstream_unreachable")
            : new LocusError(LocusErrorKind.UpstreamFailed, $"Upstream {Target} at {Host} failed: {reason}. Retry the request.", Code: "upstream_error");
        return new UpstreamFailure(error, retryable: true, inner: e);
    }

    public UpstreamFailure HeadersTimeout() => new(
        new LocusError(LocusErrorKind.UpstreamTimeout,
            $"Upstream {Target} did not answer within {Seconds(options.Timeout)} s. It may be overloaded; retry later or raise the target's timeout.",
            Code: "upstream_timeout"),
        retryable: true);

    public UpstreamFailure IdleTimeout() => new(
        new LocusError(LocusErrorKind.UpstreamTimeout,
            $"Upstream {Target} went silent for more than {Seconds(options.IdleTimeout)} s in the middle of its answer. Retry the request.",
            Code: "upstream_timeout"),
        retryable: true);

    public UpstreamFailure StreamCut(Exception e) => new(
        new LocusError(LocusErrorKind.UpstreamFailed,
            $"Upstream {Target} cut its answer short: the stream ended before the protocol's end marker. Retry the request.",
            Code: "upstream_stream_cut"),
        retryable: true, inner: e);

    public UpstreamFailure Malformed(Exception e) => new(
        new LocusError(LocusErrorKind.UpstreamFailed,
            $"Upstream {Target} sent an answer that is not a valid {options.Kind} response ({Clean(e.Message)}). Check that the target's kind matches the server.",
            Code: "upstream_malformed_response"),
        retryable: false, inner: e);

    public UpstreamFailure Protocol(UpstreamProtocolException e)
    {
        if (e.Truncated)
        {
            return StreamCut(e);
        }

        var error = e.ErrorType is AnthropicErrorTypes.Overloaded or AnthropicErrorTypes.RateLimit
            ? new LocusError(LocusErrorKind.Overloaded, $"Upstream {Target} is overloaded: {Clean(e.Message)}. Retry later.", Code: "upstream_overloaded")
            : new LocusError(LocusErrorKind.UpstreamFailed, $"Upstream {Target} failed: {Clean(e.Message)}.", Code: "upstream_error");
        return new UpstreamFailure(error, retryable: false, inner: e);
    }

    public LocusError CircuitOpen(int failures, TimeSpan remaining) => new(
        LocusErrorKind.Unavailable,
        $"Upstream {Target} is skipped for {Seconds(remaining)} s more after {failures} consecutive failures (circuit open). Check the target; calls resume automatically.",
        Code: "circuit_open");

    /// <summary>A non-2xx answer, mapped by status; the upstream's own message is kept where it helps the caller.</summary>
    public UpstreamFailure FromStatus(HttpStatusCode status, UpstreamErrorInfo info, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var said = info.Message is { Length: > 0 } m ? Clean(m) : $"HTTP {code} {status}";
        // Waiting longer than the cap would hold the caller hostage; their router can go elsewhere instead.
        var retryable = code is 408 or 429 or 500 or 502 or 503 or 504 or 529 && !(retryAfter > RetryAfterCap);
        var error = code switch
        {
            400 or 422 => new LocusError(LocusErrorKind.InvalidRequest, $"Upstream {Target} rejected the request: {said}", info.Param, info.Code ?? "upstream_invalid_request"),
            401 or 403 => new LocusError(LocusErrorKind.UpstreamFailed,
                $"The upstream rejected the configured API key for {Target} (HTTP {code}); check api_key_env and the key's permissions.", Code: "upstream_auth_failed"),
            404 => new LocusError(LocusErrorKind.UpstreamFailed,
                $"Upstream {Target} answered 404 ({said}). Check the target's base_url and model '{options.Model}'.", Code: "upstream_not_found"),
            408 => new LocusError(LocusErrorKind.UpstreamTimeout, $"Upstream {Target} timed out (HTTP 408): {said}", Code: "upstream_timeout"),
            413 => new LocusError(LocusErrorKind.PayloadTooLarge, $"Upstream {Target} says the request is too large: {said}", Code: "upstream_request_too_large"),
            429 or 529 => new LocusError(LocusErrorKind.Overloaded, $"Upstream {Target} is rate-limiting or overloaded (HTTP {code}): {said}", Code: "upstream_rate_limited", RetryAfter: retryAfter),
            _ => new LocusError(LocusErrorKind.UpstreamFailed, $"Upstream {Target} failed with HTTP {code}: {said}", Code: "upstream_error"),
        };
        return new UpstreamFailure(error, retryable, retryAfter, httpStatus: code);
    }

    /// <summary>How long the upstream asked us to wait: OpenAI's <c>retry-after-ms</c>, else <c>Retry-After</c> (seconds or a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        if (headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }

    /// <summary>Upstream text, shortened, with the key blanked in case an upstream echoed it.</summary>
    private string Clean(string text)
    {
        if (options.ApiKey is { Length: > 0 } key)
        {
            text = text.Replace(key, "***", StringComparison.Ordinal);
        }

        return text.Length <= MaxUpstreamMessage ? text : text[..MaxUpstreamMessage] + "...";
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0.###");
}
