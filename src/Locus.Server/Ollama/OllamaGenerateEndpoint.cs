using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Ollama;

/// <summary>
/// <c>POST /api/generate</c>: a prompt (and optional system text) through the model's chat template, routed like chat;
/// with <c>raw: true</c> the prompt goes to the model as it is, like <c>/v1/completions</c> (not routed: a raw prompt
/// is written for one model's format). An empty prompt is Ollama's "load the model" request. No <c>context</c> is
/// returned (see docs/ollama.md).
/// </summary>
internal sealed class OllamaGenerateEndpoint(ServerState state)
{
    private const string Name = "ollama.generate";

    public async Task HandleAsync(HttpContext context)
    {
        var request = await OllamaRequestBody.ParseAsync(context, state.Options.MaxRequestBodyBytes,
            root => OllamaGenerateRequest.Parse(root, state.Catalog)).ConfigureAwait(false);

        if (request.Prompt.Length == 0)
        {
            var reply = Reply(request.Name, "", true, request.KeepAliveZero ? "unload" : "load");
            await JsonResponse.WriteAsync(context, reply, OllamaJson.GenerateReply).ConfigureAwait(false);
            return;
        }

        var cancellationToken = context.RequestAborted;
        var clock = new OllamaClock(state.Time);
        Endpoints.Log.GenerationStarted(state.Logger, Name, request.Id, request.Stream);
        Endpoints.Log.GenerationInput(state.Logger, Name, request.Id, request.Prompt);
        if (request.Stream)
        {
            var updates = request.Raw
                ? state.FindCompletion(context, request.Id, request.Options).CompleteStreamingAsync(request.Prompt, request.Options, cancellationToken)
                : state.FindRouted(context, request.Id, request.Options).GetStreamingResponseAsync(request.Messages(), request.Options, cancellationToken);
            var streamed = await OllamaStream.RunAsync(context, updates, clock, OllamaJson.GenerateReply,
                (text, _) => Reply(request.Name, text, false, null), done => Final(request.Name, "", done), cancellationToken).ConfigureAwait(false);
            state.LogFinished(Name, request.Id, streamed, clock.StartedAt);
            return;
        }

        var response = request.Raw
            ? await state.FindCompletion(context, request.Id, request.Options).CompleteAsync(request.Prompt, request.Options, cancellationToken).ConfigureAwait(false)
            : await state.FindRouted(context, request.Id, request.Options).GetResponseAsync(request.Messages(), request.Options, cancellationToken).ConfigureAwait(false);
        clock.FirstOutput();
        var result = OllamaDone.From(response.FinishReason, response.Usage, clock);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        await JsonResponse.WriteAsync(context, Final(request.Name, response.Text, result), OllamaJson.GenerateReply).ConfigureAwait(false);
        state.LogFinished(Name, request.Id, result.Result(response.Usage), clock.StartedAt);
    }

    private OllamaGenerateReply Reply(string model, string text, bool done, string? reason) => new()
    {
        Model = model,
        CreatedAt = OllamaMapping.Timestamp(state.Time.GetUtcNow()),
        Response = text,
        Done = done,
        DoneReason = reason,
    };

    private OllamaGenerateReply Final(string model, string text, OllamaDone done) => new()
    {
        Model = model,
        CreatedAt = OllamaMapping.Timestamp(state.Time.GetUtcNow()),
        Response = text,
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
