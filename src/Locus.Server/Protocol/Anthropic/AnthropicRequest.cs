using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>A validated <c>POST /v1/messages</c> body (Anthropic's Messages API).</summary>
internal sealed record AnthropicRequest(string Model, List<ChatMessage> Messages, ChatOptions Options, bool Stream)
{
    /// <summary>Validates <paramref name="root"/> (a JSON object); throws a 400 <c>LocusException</c> naming the bad field.</summary>
    public static AnthropicRequest Parse(JsonElement root)
    {
        var model = Fields.RequiredString(root, "model");
        var messages = AnthropicMessagesParser.Parse(root);
        var options = AnthropicOptionsParser.Parse(root, model);
        AnthropicToolsParser.Parse(root, options);
        AnthropicOutputFormatParser.Parse(root, options);
        var stream = Fields.Boolean(root, "stream") ?? false;
        return new(model, messages, options, stream);
    }

    /// <summary>
    /// Validates a <c>count_tokens</c> body: what a Messages request holds, less what only generation uses (max_tokens,
    /// stream and sampling are not read).
    /// </summary>
    public static AnthropicRequest ParseCount(JsonElement root)
    {
        var model = Fields.RequiredString(root, "model");
        var messages = AnthropicMessagesParser.Parse(root);
        var options = new ChatOptions { ModelId = model };
        AnthropicToolsParser.Parse(root, options);
        AnthropicOutputFormatParser.Parse(root, options);
        AnthropicPassthrough.Attach(root, options);
        return new(model, messages, options, false);
    }
}
