using Locus.Server.Errors;
using Locus.Server.Protocol;
using Locus.Server.Sse;
using Locus.Wire.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary><c>POST /v1/completions</c>: the prompt goes to the model as-is, without a chat template.</summary>
internal sealed class CompletionsEndpoint(ServerState state)
{
    private const string Name = "completions";

    public async Task HandleAsync(HttpContext context)
    {
        CompletionRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = CompletionRequest.Parse(body.RootElement);
        }

        var client = state.FindCompletion(context, request.Model, request.Options);
        var meta = state.NewResponse("cmpl-", request.Model);
        var cancellationToken = context.RequestAborted;
        var started = state.Time.GetTimestamp();
        Log.GenerationStarted(state.Logger, Name, request.Model, request.Stream.Stream);
        Log.GenerationInput(state.Logger, Name, request.Model, request.Prompt);

        if (request.Stream.Stream)
        {
            var updates = client.CompleteStreamingAsync(request.Prompt, request.Options, cancellationToken);
            var streamed = await StreamPump.RunAsync(context, updates, new TextChunkFormat(meta, request.Stream.IncludeUsage), cancellationToken).ConfigureAwait(false);
            state.LogFinished(Name, request.Model, streamed, started);
            return;
        }

        var response = await client.CompleteAsync(request.Prompt, request.Options, cancellationToken).ConfigureAwait(false);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        var result = new StreamResult(OpenAIMapping.FinishReason(response.FinishReason), response.Usage);
        var completion = new TextCompletion
        {
            Id = meta.Id,
            Created = meta.Created,
            Model = meta.Model,
            Choices = [new TextChoice { Text = response.Text, FinishReason = result.FinishReason }],
            Usage = OpenAIMapping.Usage(response.Usage),
        };
        await JsonResponse.WriteAsync(context, completion, OpenAIJson.TextCompletion).ConfigureAwait(false);
        state.LogFinished(Name, request.Model, result, started);
    }
}
