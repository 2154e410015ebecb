using System.Text.Json;
using Locus.Server.Errors;
using Locus.Server.Protocol.Responses;
using Locus.Server.Responses;
using Locus.Server.Sse;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Locus.Wire.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary>
/// OpenAI's Responses API: <c>POST /v1/responses</c> (translated to chat messages and options, and routed exactly as chat
/// completions are), <c>GET /v1/responses/{id}</c> and <c>DELETE /v1/responses/{id}</c> over the stored responses.
/// </summary>
internal sealed class ResponsesEndpoint(ServerState state, IResponseStore store)
{
    private const string Name = "responses";

    /// <summary>The endpoint with its store (<c>server.responses_store</c>), closed when the application stops.</summary>
    public static ResponsesEndpoint Create(WebApplication app, ServerState state)
    {
        var store = new SqliteResponseStore(state.Options.ResponsesStore, state.Options.ResponsesRetention, state.Time);
        app.Lifetime.ApplicationStopped.Register(store.Dispose);
        return new ResponsesEndpoint(state, store);
    }

    public async Task CreateAsync(HttpContext context)
    {
        ResponsesRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = ResponsesRequest.Parse(body.RootElement, store.Find);
        }

        var client = state.FindRouted(context, request.Model, request.Options);
        var builder = new ResponseBuilder(state.NewResponse("resp_", request.Model), request);
        // RequestAborted: a client that goes away stops generation instead of leaving it to run for nobody.
        var cancellationToken = context.RequestAborted;
        var started = state.Time.GetTimestamp();
        Log.GenerationStarted(state.Logger, Name, request.Model, request.Stream);
        if (state.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.GenerationInput(state.Logger, Name, request.Model, string.Join("\n", request.Messages.Select(m => $"{m.Role}: {m.Text}")));
        }

        if (request.Stream)
        {
            var format = new ResponsesChunkFormat(builder);
            context.Items[ResponsesChunkFormat.ItemsKey] = format;
            var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken);
            var streamed = await StreamPump.RunAsync(context, updates, format, cancellationToken).ConfigureAwait(false);
            Save(request, format.Final!);
            state.LogFinished(Name, request.Model, streamed, started);
            return;
        }

        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        var result = Build(builder, response);
        Save(request, result);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        await JsonResponse.WriteAsync(context, result, ResponsesJson.Response).ConfigureAwait(false);
        var calledTools = result.Output.Any(i => i.Type == "function_call");
        state.LogFinished(Name, request.Model, new StreamResult(OpenAIMapping.FinishReason(response.FinishReason, calledTools), response.Usage), started);
    }

    public async Task GetAsync(HttpContext context)
    {
        var stored = store.Find(Id(context)) ?? throw NotFound(Id(context));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(stored.ResponseJson, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext context)
    {
        var id = Id(context);
        if (!store.Delete(id))
        {
            throw NotFound(id);
        }

        Log.ResponseDeleted(state.Logger, id);
        await JsonResponse.WriteAsync(context, new ResponseDeleted { Id = id }, ResponsesJson.Deleted).ConfigureAwait(false);
    }

    /// <summary>The whole answer's items, in the order the backend produced text and calls.</summary>
    private static ResponseObject Build(ResponseBuilder builder, ChatResponse response)
    {
        foreach (var content in response.Messages.SelectMany(m => m.Contents))
        {
            if (content is TextContent { Text.Length: > 0 } text)
            {
                builder.AppendText(text.Text);
            }
            else if (content is FunctionCallContent call)
            {
                builder.CloseText();
                var (index, itemId) = builder.OpenCall();
                builder.CompleteCall(index, itemId, OpenAIMapping.CallId(call.CallId), call.Name, ToolArguments.TextOf(call));
            }
        }

        return builder.Finish(response.FinishReason, response.Usage);
    }

    private void Save(ResponsesRequest request, ResponseObject response)
    {
        if (!request.Store)
        {
            return;
        }

        var json = JsonSerializer.Serialize(response, ResponsesJson.Response);
        var output = JsonSerializer.Serialize(response.Output.ToList(), ResponsesJson.Items);
        var items = JsonArrays.Concat(request.ContextItems, output);
        store.Save(new StoredResponse(response.Id, DateTimeOffset.FromUnixTimeSeconds(response.CreatedAt), json, items));
        Log.ResponseStored(state.Logger, response.Id, request.Messages.Count + response.Output.Count);
    }

    private static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    private static ApiException NotFound(string id) => new(new ApiError(StatusCodes.Status404NotFound, ApiError.InvalidRequest,
        $"Response with id '{(id.Length <= 80 ? id : id[..80] + "...")}' not found.", "response_id", "response_not_found"));
}
