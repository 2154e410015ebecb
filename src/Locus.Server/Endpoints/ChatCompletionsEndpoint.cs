using Locus.Server.Errors;
using Locus.Server.Protocol;
using Locus.Server.Sse;
using Locus.Wire.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>.</summary>
internal sealed class ChatCompletionsEndpoint(ServerState state)
{
    private const string Name = "chat.completions";

    public async Task HandleAsync(HttpContext context)
    {
        ChatRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = ChatRequest.Parse(body.RootElement);
        }

        var client = state.FindRouted(context, request.Model, request.Options);
        var meta = state.NewResponse("chatcmpl-", request.Model);
        // RequestAborted: a client that goes away stops generation instead of leaving it to run for nobody.
        var cancellationToken = context.RequestAborted;
        var started = state.Time.GetTimestamp();
        Log.GenerationStarted(state.Logger, Name, request.Model, request.Stream.Stream);
        if (state.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.GenerationInput(state.Logger, Name, request.Model, string.Join("\n", request.Messages.Select(m => $"{m.Role}: {m.Text}")));
        }

        if (request.Stream.Stream)
        {
            var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken);
            var streamed = await StreamPump.RunAsync(context, updates, new ChatChunkFormat(meta, request.Stream.IncludeUsage), cancellationToken).ConfigureAwait(false);
            state.LogFinished(Name, request.Model, streamed, started);
            return;
        }

        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        var toolCalls = OpenAIMapping.ToolCalls(response);
        var result = new StreamResult(OpenAIMapping.FinishReason(response.FinishReason, toolCalls is not null), response.Usage);
        var message = new ChatCompletionMessage { Content = toolCalls is not null && response.Text.Length == 0 ? null : response.Text, ToolCalls = toolCalls };
        var completion = new ChatCompletion
        {
            Id = meta.Id,
            Created = meta.Created,
            Model = meta.Model,
            Choices = [new ChatChoice { Message = message, FinishReason = result.FinishReason }],
            Usage = OpenAIMapping.Usage(response.Usage),
        };
        await JsonResponse.WriteAsync(context, completion, OpenAIJson.ChatCompletion).ConfigureAwait(false);
        state.LogFinished(Name, request.Model, result, started);
    }
}
