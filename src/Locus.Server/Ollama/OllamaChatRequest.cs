using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>A validated <c>POST /api/chat</c> body. <paramref name="Name"/> is the model as the client wrote it, <paramref name="Id"/> the catalog id.</summary>
internal sealed record OllamaChatRequest(string Name, string Id, List<ChatMessage> Messages, ChatOptions Options, bool Stream, bool KeepAliveZero)
{
    public static OllamaChatRequest Parse(JsonElement root, IModelCatalog catalog)
    {
        var name = Fields.RequiredString(root, "model");
        var messages = OllamaMessagesParser.Parse(root);
        var stream = OllamaOptionsParser.Stream(root);
        var keepAliveZero = OllamaOptionsParser.KeepAliveIsZero(root);
        var id = OllamaModelNames.Resolve(catalog, name);
        var options = OllamaOptionsParser.Parse(root, id);
        // Ollama's tools are OpenAI's function tools: {"type":"function","function":{"name","description","parameters"}}.
        ToolsParser.Parse(root, options);
        return new(name, id, messages, options, stream, keepAliveZero);
    }
}
