using System.Globalization;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Routing;

/// <summary>
/// Reads a request's routing inputs (client identity, <c>x-locus-privacy</c>, <c>x-locus-latency-budget-ms</c>,
/// <c>x-locus-memory</c>, <c>x-locus-delegated</c>) into a <see cref="RequestContext"/>, and writes the route's
/// <see cref="RouteResult"/> back as <c>x-locus-tier</c>, <c>x-locus-target</c>, <c>x-locus-reason</c> (plus
/// <c>x-locus-degraded</c>, <c>x-locus-redacted</c> and <c>x-locus-max-tokens-clamped</c> when they apply) just before the response headers go out — so
/// a streamed answer, a fallback and a refusal all carry the final explanation.
/// </summary>
internal static class RouteHeaders
{
    public const string ClientItem = "locus.client";

    public const string PrivacyHeader = "x-locus-privacy";
    public const string LatencyHeader = "x-locus-latency-budget-ms";
    public const string ClientHeader = "x-locus-client";
    public const string MemoryHeader = "x-locus-memory";

    /// <summary>
    /// Who asks for <paramref name="model"/> and how. Takes <c>metadata.locus_memory</c> out of
    /// <paramref name="options"/>: it steers routing and is not for the model.
    /// </summary>
    public static RequestContext Read(HttpContext context, string model, ChatOptions options, bool trustClientHeader) =>
        new(Client(context, trustClientHeader), model, Privacy(context), Latency(context), Memory(context, options), DelegatedBy(context));

    /// <summary>Writes <paramref name="call"/>'s result into the response headers at the moment they are sent.</summary>
    public static void WriteWhenStarting(HttpResponse response, RouteCall call)
    {
        response.OnStarting(static state =>
        {
            var (response, call) = ((HttpResponse, RouteCall))state;
            Write(response, call.Result);
            return Task.CompletedTask;
        }, (response, call));
    }

    public static void Write(HttpResponse response, RouteResult? result)
    {
        if (result is null)
        {
            return;
        }

        var headers = response.Headers;
        headers["x-locus-tier"] = result.Tier.Text();
        headers["x-locus-target"] = result.Target;
        headers["x-locus-reason"] = result.ReasonHeader();
        if (result.Degraded)
        {
            headers["x-locus-degraded"] = "true";
        }

        if (result.Redactions > 0)
        {
            headers["x-locus-redacted"] = result.Redactions.ToString(CultureInfo.InvariantCulture);
        }

        if (result.MaxTokensClamp is { } clamp)
        {
            headers[ClampHeader.Name] = clamp.ToString();
        }
    }

    /// <summary>The authenticated client; on an open (keyless) server a caller may name itself with <c>x-locus-client</c>.</summary>
    private static string Client(HttpContext context, bool trustClientHeader)
    {
        if (context.Items.TryGetValue(ClientItem, out var value) && value is string authenticated)
        {
            return authenticated;
        }

        if (trustClientHeader && context.Request.Headers[ClientHeader] is [{ Length: > 0 and <= 64 } named])
        {
            return named;
        }

        return RequestContext.DefaultClient;
    }

    /// <summary>The node that delegated this request here (<c>x-locus-delegated</c>), or null; any caller may set it, which only narrows routing.</summary>
    private static string? DelegatedBy(HttpContext context)
    {
        var text = context.Request.Headers[DelegationHeaders.Delegated].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return text.Length <= 64 && text.All(c => c is >= ' ' and <= '~')
            ? text
            : throw new LocusException(LocusError.Invalid(
                $"Header {DelegationHeaders.Delegated} must name the delegating node in at most 64 printable ASCII characters.", DelegationHeaders.Delegated, "invalid_header"));
    }

    /// <summary>The <c>x-locus-privacy</c> marking of a request that is not routed like chat (embeddings).</summary>
    public static PrivacyMarking PrivacyMarkingOf(HttpContext context) => Privacy(context);

    private static PrivacyMarking Privacy(HttpContext context)
    {
        var text = context.Request.Headers[PrivacyHeader].ToString();
        return PrivacyMarkings.TryParse(text, out var marking)
            ? marking
            : throw new LocusException(LocusError.Invalid(
                $"Header {PrivacyHeader} must be normal, sensitive or local-only, not '{text.Trim().ToLowerInvariant()}'.", PrivacyHeader, "invalid_header"));
    }

    /// <summary>The header, else the body's <c>metadata.locus_memory</c> (removed from the options either way).</summary>
    private static MemoryRequest? Memory(HttpContext context, ChatOptions options)
    {
        var body = Protocol.MemoryField.Take(options);
        var header = context.Request.Headers[MemoryHeader].ToString();
        var fromHeader = header.Length > 0 || body is null;
        if (MemoryRequest.TryParse(fromHeader ? header : body, out var request))
        {
            return request;
        }

        const string Expected = "must be all, none, or a comma-separated list of memory document ids or names.";
        throw new LocusException(fromHeader
            ? LocusError.Invalid($"Header {MemoryHeader} {Expected}", MemoryHeader, "invalid_header")
            : LocusError.Invalid($"metadata.locus_memory {Expected}", "metadata.locus_memory", "invalid_value"));
    }

    private static TimeSpan? Latency(HttpContext context)
    {
        var text = context.Request.Headers[LatencyHeader].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0 && ms <= 3_600_000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new LocusException(LocusError.Invalid(
                $"Header {LatencyHeader} must be a number of milliseconds between 1 and 3600000, not '{text}'.", LatencyHeader, "invalid_header"));
    }
}
