using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Auth;

/// <summary>
/// With keys configured, every request but <c>GET /health</c> and the planner page's static files needs a key: <c>Authorization: Bearer &lt;key&gt;</c>
/// (OpenAI clients) or <c>x-api-key: &lt;key&gt;</c> (Anthropic clients), on any path.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, ILogger logger)
{
    private const string BearerPrefix = "Bearer ";
    private const string ApiKeyHeader = "x-api-key";

    public Task InvokeAsync(HttpContext context)
    {
        // Mesh-port requests carry sealed envelopes or pairing messages instead (the gate admits only those paths).
        if (!keys.Required || IsPublic(context.Request) || context.Items.ContainsKey(Mesh.MeshListener.MeshRequestItem))
        {
            return next(context);
        }

        var bearer = BearerKey(context.Request);
        var apiKey = HeaderKey(context.Request);
        if (bearer is null && apiKey is null)
        {
            return RejectAsync(context, "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY), or in an x-api-key header.");
        }

        // Anthropic SDKs given both an API key and a token send both headers: either one being valid is enough.
        var bearerClient = bearer is null ? null : keys.Identify(bearer);
        var headerClient = apiKey is null ? null : keys.Identify(apiKey);
        if ((bearerClient ?? headerClient) is not { } client)
        {
            return RejectAsync(context, "Incorrect API key provided.");
        }

        // The routing policy and usage report read who is asking from here.
        context.Items[Routing.RouteHeaders.ClientItem] = client;
        return next(context);
    }

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        return header.Count == 1 && header[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? value[BearerPrefix.Length..].Trim()
            : null;
    }

    private static string? HeaderKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader];
        return header.Count == 1 && header[0] is { Length: > 0 } value ? value.Trim() : null;
    }

    // The planner page's files are public (they hold no data; a browser cannot send a key to load them); the data
    // they fetch from /v1/thermal still needs one, which the page asks for after a 401.
    private static bool IsPublic(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase) || Web.PlannerPage.IsPagePath(request.Path));

    private Task RejectAsync(HttpContext context, string message)
    {
        // The presented key is never logged: only where the attempt came from.
        Log.Unauthorized(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "?");
        return ErrorWriter.WriteAsync(context, new ApiError(401, ApiError.InvalidRequest, message, null, "invalid_api_key"));
    }
}
