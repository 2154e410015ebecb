using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Web;

/// <summary>
/// <c>GET /planner</c>: the thermal planner web page (docs/planner.md, "Web page"), and its script and style under
/// <c>/planner/</c>. Static files embedded in this assembly, so the page works offline with nothing to install; it
/// draws what <c>GET /v1/thermal</c> answers.
/// </summary>
internal static class PlannerPage
{
    public const string Path = "/planner";

    // Only the page's own files: no other script, style, frame or connection, even if a value were ever injected.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (string ContentType, byte[] Body)> Files = new(StringComparer.Ordinal)
    {
        ["planner.html"] = ("text/html; charset=utf-8", Read("planner.html")),
        ["planner.css"] = ("text/css; charset=utf-8", Read("planner.css")),
        ["planner.js"] = ("text/javascript; charset=utf-8", Read("planner.js")),
        ["chart.js"] = ("text/javascript; charset=utf-8", Read("chart.js")),
    };

    /// <summary>Public: the files hold no data, and without a key a browser could not even load the page to ask for one.</summary>
    public static bool IsPagePath(PathString path) =>
        path.Equals(Path, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static Task PageAsync(HttpContext context) => WriteAsync(context, "planner.html");

    public static Task FileAsync(HttpContext context) =>
        WriteAsync(context, context.Request.RouteValues["file"] as string ?? "");

    private static Task WriteAsync(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            throw new ApiException(new ApiError(StatusCodes.Status404NotFound, ApiError.InvalidRequest, $"The planner page has no file '{name}'."));
        }

        var response = context.Response;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Body.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        return response.Body.WriteAsync(file.Body, context.RequestAborted).AsTask();
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PlannerPage).Assembly.GetManifestResourceStream($"Locus.Server.Web.{name}")
            ?? throw new InvalidOperationException($"Embedded resource Web/{name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
