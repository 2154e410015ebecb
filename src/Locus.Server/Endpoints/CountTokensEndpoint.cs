using Locus.Core.Abstractions;
using Locus.Server.Errors;
using Locus.Server.Protocol.Anthropic;
using Locus.Wire.Anthropic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: the prompt tokens a Messages request would use, <c>{"input_tokens": N}</c>.
/// A local model counts exactly, with its own tokenizer through its chat template and tools
/// (<see cref="ITokenCounter"/>); a model without a tokenizer here (a cloud target) gets an estimate. The header
/// <c>x-locus-token-count</c> says which: <c>exact</c> or <c>estimate</c>.
/// </summary>
/// <remarks>
/// The model is resolved without routing (nothing is generated, so nothing is weighed or billed): a target by name, or
/// for the auto model the fast-path target, the one routing tries first.
/// </remarks>
internal sealed class CountTokensEndpoint(ServerState state)
{
    /// <summary>Characters per token of the estimate: the usual rule of thumb for English text and code.</summary>
    public const int CharsPerToken = 4;

    public async Task HandleAsync(HttpContext context)
    {
        AnthropicRequest request;
        using (var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false))
        {
            request = AnthropicRequest.ParseCount(body.RootElement);
        }

        var client = state.FindUnrouted(request.Model);
        var (tokens, method) = client.GetService(typeof(ITokenCounter)) is ITokenCounter counter
            ? (counter.CountPromptTokens(request.Messages, request.Options), "exact")
            : (Estimate(request.Messages, request.Options), "estimate");
        Log.TokensCounted(state.Logger, request.Model, tokens, method);
        context.Response.Headers["x-locus-token-count"] = method;
        await JsonResponse.WriteAsync(context, new AnthropicTokenCount { InputTokens = tokens }, AnthropicJson.TokenCount).ConfigureAwait(false);
    }

    /// <summary>
    /// One token per <see cref="CharsPerToken"/> characters of everything the model would read (texts, tool calls and
    /// results, each tool's name, description and schema), rounded up, plus a few tokens per message for its framing.
    /// </summary>
    public static int Estimate(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        const int PerMessage = 4;
        long chars = 0;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                chars += content switch
                {
                    TextContent t => t.Text.Length,
                    FunctionCallContent c => c.Name.Length + (c.Arguments is { } a ? System.Text.Json.JsonSerializer.Serialize(a, AIJsonUtilities.DefaultOptions).Length : 0),
                    FunctionResultContent r => r.Result?.ToString()?.Length ?? 0,
                    _ => 0,
                };
            }
        }

        foreach (var tool in options?.Tools ?? [])
        {
            chars += tool.Name.Length + tool.Description.Length + (tool is AIFunctionDeclaration f ? f.JsonSchema.GetRawText().Length : 0);
        }

        var tokens = ((chars + CharsPerToken - 1) / CharsPerToken) + (PerMessage * (long)messages.Count);
        return (int)Math.Min(tokens, int.MaxValue);
    }
}
