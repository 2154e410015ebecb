using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Auth;

/// <summary>With keys configured, every request but <c>GET /health</c> needs <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, ILogger logger)
{
    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Required || IsHealthProbe(context.Request))
            return next(context);

        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return RejectAsync(context, "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).");

        return keys.Accepts(value[BearerPrefix.Length..].Trim())
            ? next(context)
            : RejectAsync(context, "Incorrect API key provided.");
    }

    private static bool IsHealthProbe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase);

    private Task RejectAsync(HttpContext context, string message)
    {
        // The presented key is never logged: only where the attempt came from.
        Log.Unauthorized(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "?");
        return ErrorWriter.WriteAsync(context, new ApiError(401, ApiError.InvalidRequest, message, null, "invalid_api_key"));
    }
}
