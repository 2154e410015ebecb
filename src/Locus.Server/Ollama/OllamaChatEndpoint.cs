using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Ollama;

/// <summary>
/// <c>POST /api/chat</c>: Ollama's chat, routed and privacy-checked like <c>/v1/chat/completions</c> (the request
/// becomes the same chat messages and options). Streams NDJSON unless <c>"stream": false</c>; no messages is Ollama's
/// "load the model" request, answered at once (the model is loaded already).
/// </summary>
internal sealed class OllamaChatEndpoint(ServerState state)
{
    private const string Name = "ollama.chat";

    public async Task HandleAsync(HttpContext context)
    {
        var request = await OllamaRequestBody.ParseAsync(context, state.Options.MaxRequestBodyBytes,
            root => OllamaChatRequest.Parse(root, state.Catalog)).ConfigureAwait(false);

        if (request.Messages.Count == 0)
        {
            var reply = Reply(request.Name, OllamaMapping.Assistant(""), true, request.KeepAliveZero ? "unload" : "load");
            await JsonResponse.WriteAsync(context, reply, OllamaJson.ChatReply).ConfigureAwait(false);
            return;
        }

        var client = state.FindRouted(context, request.Id, request.Options);
        var cancellationToken = context.RequestAborted;
        var clock = new OllamaClock(state.Time);
        Endpoints.Log.GenerationStarted(state.Logger, Name, request.Id, request.Stream);
        if (state.Logger.IsEnabled(LogLevel.Trace))
        {
            Endpoints.Log.GenerationInput(state.Logger, Name, request.Id, string.Join("\n", request.Messages.Select(m => $"{m.Role}: {m.Text}")));
        }

        if (request.Stream)
        {
            var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken);
            var streamed = await OllamaStream.RunAsync(context, updates, clock, OllamaJson.ChatReply,
                (text, calls) => Reply(request.Name, OllamaMapping.Assistant(text, calls), false, null),
                done => Final(request.Name, OllamaMapping.Assistant(""), done), cancellationToken).ConfigureAwait(false);
            state.LogFinished(Name, request.Id, streamed, clock.StartedAt);
            return;
        }

        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        clock.FirstOutput();
        var message = OllamaMapping.Assistant(response.Text, OllamaMapping.ToolCalls(response.Messages.SelectMany(m => m.Contents)));
        var result = OllamaDone.From(response.FinishReason, response.Usage, clock);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        await JsonResponse.WriteAsync(context, Final(request.Name, message, result), OllamaJson.ChatReply).ConfigureAwait(false);
        state.LogFinished(Name, request.Id, result.Result(response.Usage), clock.StartedAt);
    }

    private OllamaChatReply Reply(string model, OllamaMessage message, bool done, string? reason) => new()
    {
        Model = model,
        CreatedAt = OllamaMapping.Timestamp(state.Time.GetUtcNow()),
        Message = message,
        Done = done,
        DoneReason = reason,
    };

    private OllamaChatReply Final(string model, OllamaMessage message, OllamaDone done) => new()
    {
        Model = model,
        CreatedAt = OllamaMapping.Timestamp(state.Time.GetUtcNow()),
        Message = message,
        Done = true,
        DoneReason = done.DoneReason,
        TotalDuration = done.TotalDuration,
        LoadDuration = 0,
        PromptEvalCount = done.PromptEvalCount,
        PromptEvalDuration = done.PromptEvalDuration,
        EvalCount = done.EvalCount,
        EvalDuration = done.EvalDuration,
    };
}
