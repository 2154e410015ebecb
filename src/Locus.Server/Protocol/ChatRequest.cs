using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>A validated <c>POST /v1/chat/completions</c> body.</summary>
internal sealed record ChatRequest(string Model, List<ChatMessage> Messages, ChatOptions Options, StreamSettings Stream)
{
    /// <summary>Validates <paramref name="root"/> (a JSON object); throws a 400 <c>LocusException</c> naming the bad field.</summary>
    public static ChatRequest Parse(JsonElement root)
    {
        var model = Fields.RequiredString(root, "model");
        var messages = MessagesParser.Parse(root);
        var options = SamplingParser.Parse(root, model, chat: true);
        ToolsParser.Parse(root, options);
        ResponseFormatParser.Parse(root, options);
        MemoryField.Read(root, options);
        var stream = StreamParser.Parse(root);
        UnsupportedFields.CheckChat(root);
        return new(model, messages, options, stream);
    }
}
