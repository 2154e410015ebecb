using Locus.Core.Errors;
using Locus.Server.Sse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Errors;

/// <summary>
/// The one place failures become responses, so every error (ours, Kestrel's, routing's empty 404/405) has OpenAI's
/// shape and none is an ASP.NET problem-details body or an empty 500.
/// </summary>
internal sealed class ErrorMiddleware(RequestDelegate next, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected; generation was cancelled through RequestAborted. Nobody is left to answer.
            Log.ClientDisconnected(logger, context.Request.Method, context.Request.Path.Value ?? "");
            return;
        }
        catch (Exception ex)
        {
            await HandleAsync(context, ex).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && response.ContentLength is null)
        {
            await WriteAsync(context, ForBareStatus(context)).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context, Exception ex)
    {
        var error = ex switch
        {
            LocusException e => ApiError.From(e.Error),
            ApiException e => e.Error,
            BadHttpRequestException e => FromKestrel(e),
            _ => null,
        };
        if (error is null)
        {
            Log.Unexpected(logger, context.Request.Method, context.Request.Path.Value ?? "", ex);
            error = ApiError.Internal;
        }

        if (!context.Response.HasStarted)
        {
            await WriteAsync(context, error).ConfigureAwait(false);
        }
        else if (SseWriter.IsStream(context.Response))
        {
            Log.StreamFailed(logger, context.Request.Method, context.Request.Path.Value ?? "", error.Status, error.Code, error.Message);
            await ErrorWriter.WriteSseAsync(context, error).ConfigureAwait(false);
        }
        else if (Sse.NdjsonWriter.IsStream(context.Response))
        {
            Log.StreamFailed(logger, context.Request.Method, context.Request.Path.Value ?? "", error.Status, error.Code, error.Message);
            await ErrorWriter.WriteNdjsonAsync(context, error).ConfigureAwait(false);
        }
        else
        {
            context.Abort();
        }
    }

    private Task WriteAsync(HttpContext context, ApiError error)
    {
        Log.RequestRejected(logger, context.Request.Method, context.Request.Path.Value ?? "", error.Status, error.Code, error.Param, error.Message);
        return ErrorWriter.WriteAsync(context, error);
    }

    private static ApiError FromKestrel(BadHttpRequestException e) => e.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? ApiError.TooLarge()
        : new ApiError(e.StatusCode, ApiError.InvalidRequest, $"Bad request: {e.Message}");

    // Routing answers unknown paths and wrong methods with an empty body; OpenAI words them like this.
    private static ApiError ForBareStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var what = $"{context.Request.Method} {context.Request.Path}";
        return status switch
        {
            404 => new(404, ApiError.InvalidRequest, $"Invalid URL ({what})."),
            405 => new(405, ApiError.InvalidRequest, $"Method not allowed ({what})."),
            >= 500 => ApiError.Internal with { Status = status },
            _ => new(status, ApiError.InvalidRequest, $"The request could not be served ({what})."),
        };
    }
}
