using Locus.Server.Errors;
using Locus.Server.Protocol.Anthropic;
using Locus.Server.Sse;
using Locus.Wire;
using Locus.Wire.Anthropic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>POST /v1/messages</c>: Anthropic's Messages API over the same models and options as chat completions. The
/// <c>anthropic-version</c> header and the <c>?beta=true</c> query (Anthropic SDKs' beta client) are accepted and not
/// needed: there is one wire format. <c>anthropic-beta</c> travels on to Anthropic targets with the fields it enables.
/// </summary>
internal sealed class MessagesEndpoint(ServerState state)
{
    private const string Name = "messages";

    public async Task HandleAsync(HttpContext context)
    {
        AnthropicRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = AnthropicRequest.Parse(body.RootElement);
        }

        AnthropicPassthrough.AttachBeta(context.Request.Headers["anthropic-beta"].ToString(), request.Options);

        var client = state.FindRouted(context, request.Model, request.Options);
        var meta = state.NewResponse("msg_", request.Model);
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
            var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken);
            var streamed = await StreamPump.RunAsync(context, updates, new AnthropicChunkFormat(meta), cancellationToken).ConfigureAwait(false);
            state.LogFinished(Name, request.Model, streamed, started);
            return;
        }

        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        Routing.ClampHeader.Write(context.Response, response.AdditionalProperties);
        var content = AnthropicMapping.Content(response, out var toolCalls);
        var stopSequence = ResponseProperties.StopSequence(response.AdditionalProperties);
        var stopReason = AnthropicMapping.StopReason(response.FinishReason, toolCalls > 0, stopSequence);
        var message = new AnthropicMessage
        {
            Id = meta.Id,
            Model = meta.Model,
            Content = content,
            StopReason = stopReason,
            StopSequence = stopReason == "stop_sequence" ? stopSequence : null,
            Usage = AnthropicMapping.Usage(response.Usage),
        };
        await JsonResponse.WriteAsync(context, message, AnthropicJson.Message).ConfigureAwait(false);
        state.LogFinished(Name, request.Model, new StreamResult(stopReason, response.Usage), started);
    }
}
