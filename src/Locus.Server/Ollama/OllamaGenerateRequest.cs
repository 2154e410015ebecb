using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>A validated <c>POST /api/generate</c> body.</summary>
/// <param name="Raw">The prompt goes to the model as it is, without the chat template (and without routing).</param>
internal sealed record OllamaGenerateRequest(
    string Name, string Id, string Prompt, string? System, bool Raw, ChatOptions Options, bool Stream, bool KeepAliveZero)
{
    public static OllamaGenerateRequest Parse(JsonElement root, IModelCatalog catalog)
    {
        var name = Fields.RequiredString(root, "model");
        var prompt = Fields.OptionalString(root, "prompt", "prompt") ?? "";
        var system = Fields.OptionalString(root, "system", "system");
        var raw = Fields.Boolean(root, "raw") ?? false;
        var stream = OllamaOptionsParser.Stream(root);
        var keepAliveZero = OllamaOptionsParser.KeepAliveIsZero(root);
        OllamaOptionsParser.RejectImages(root, "images");
        if (Fields.OptionalString(root, "suffix", "suffix") is { Length: > 0 })
        {
            throw Fields.Unsupported("suffix", "insertion (fill-in-the-middle) is not available.");
        }

        if (Fields.OptionalString(root, "template", "template") is { Length: > 0 })
        {
            throw Fields.Unsupported("template", "a per-request prompt template is not available: the model's own chat template is used, or send raw: true with a prompt you formatted yourself.");
        }

        RejectContext(root);
        var id = OllamaModelNames.Resolve(catalog, name);
        var options = OllamaOptionsParser.Parse(root, id);
        if (raw && system is { Length: > 0 })
        {
            throw Fields.Invalid("system", "unsupported_value", "'system' has no place in a raw prompt (raw: true sends the prompt as it is); put it in the prompt yourself.");
        }

        if (raw && options.ResponseFormat is not null)
        {
            throw Fields.Invalid("format", "unsupported_value", "'format' is not available with raw: true; send the request without raw to get structured output.");
        }

        return new(name, id, prompt, system, raw, options, stream, keepAliveZero);
    }

    /// <summary>The chat turns a templated prompt becomes: the system text, if any, then the prompt as the user's turn.</summary>
    public List<ChatMessage> Messages() =>
        System is { Length: > 0 } system
            ? [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, Prompt)]
            : [new ChatMessage(ChatRole.User, Prompt)];

    // context (deprecated in Ollama) carries the previous answer's tokens; Locus returns none, so one sent back is foreign.
    private static void RejectContext(JsonElement root)
    {
        if (!Fields.TryGet(root, "context", out var context))
        {
            return;
        }

        if (context.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("context", "an array of token ids", context);
        }

        if (context.GetArrayLength() > 0)
        {
            throw Fields.Unsupported("context", "conversational memory by token context is not kept; send the conversation to /api/chat instead.");
        }
    }
}
