using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Responses;

/// <summary>
/// A validated <c>POST /v1/responses</c> body, translated for any chat backend: <see cref="Messages"/> are the
/// instructions (a system message), the conversation of <c>previous_response_id</c>, then the request's input.
/// </summary>
/// <param name="ContextItems">The earlier conversation and this input, as a JSON array of input items (what is stored).</param>
/// <param name="Echo">The request fields a response repeats, as the client sent them.</param>
internal sealed record ResponsesRequest(
    string Model,
    List<ChatMessage> Messages,
    ChatOptions Options,
    bool Stream,
    bool Store,
    string? PreviousResponseId,
    string ContextItems,
    ResponseEcho Echo,
    IReadOnlySet<string> ToolNamespaces)
{
    private const int MaxMetadataKeys = 16;

    /// <summary>
    /// Validates <paramref name="root"/> (a JSON object); throws a 400 <c>LocusException</c> naming the bad field.
    /// <paramref name="find"/> looks up the stored response that <c>previous_response_id</c> names.
    /// </summary>
    public static ResponsesRequest Parse(JsonElement root, Func<string, StoredResponse?> find)
    {
        var model = Fields.RequiredString(root, "model");
        CheckUnsupported(root);
        var messages = new List<ChatMessage>();
        var instructions = Fields.OptionalString(root, "instructions", "instructions");
        if (instructions is { Length: > 0 })
        {
            messages.Add(new ChatMessage(ChatRole.System, instructions));
        }

        var callIds = new HashSet<string>(StringComparer.Ordinal);
        var previousId = Fields.OptionalString(root, "previous_response_id", "previous_response_id");
        var history = previousId is null ? null : History(previousId, find, callIds, messages);
        var input = ResponsesInputParser.ParseInput(root, callIds, messages);

        var options = SamplingParser.Parse(root, model, chat: false);
        var maxOutput = (int?)Fields.Integer(root, "max_output_tokens", 1, int.MaxValue);
        options.MaxOutputTokens = maxOutput ?? options.MaxOutputTokens;
        var namespaces = ResponsesToolsParser.Parse(root, options);
        ResponsesTextParser.Parse(root, options);
        MemoryField.Read(root, options);
        var user = Fields.OptionalString(root, "user", "user");
        var stream = Fields.Boolean(root, "stream") ?? false;
        if (Fields.TryGet(root, "stream_options", out var streamOptions) && (!stream || streamOptions.ValueKind != JsonValueKind.Object))
        {
            throw stream ? Fields.WrongType("stream_options", "an object", streamOptions)
                : Fields.Invalid("stream_options", "invalid_value", "The 'stream_options' parameter is only allowed when 'stream' is true.");
        }

        var echo = new ResponseEcho(
            instructions,
            maxOutput,
            options.AllowMultipleToolCalls ?? true,
            Fields.Number(root, "temperature", 0, 2),
            Fields.Number(root, "top_p", 0, 1, minExclusive: true),
            Raw(root, "tools", "[]"),
            Raw(root, "tool_choice", "\"auto\""),
            TextFormat(root),
            Metadata(root),
            user);
        var store = Fields.Boolean(root, "store") ?? true;
        return new(model, messages, options, stream, store, previousId, history is null ? input : JsonArrays.Concat(history, input), echo, namespaces);
    }

    private static string History(string id, Func<string, StoredResponse?> find, HashSet<string> callIds, List<ChatMessage> messages)
    {
        var stored = find(id) ?? throw Fields.Invalid("previous_response_id", "previous_response_not_found",
            $"Previous response with id '{(id.Length <= 80 ? id : id[..80] + "...")}' not found. It may have been deleted, stored with 'store': false, or passed its retention.");
        using var items = JsonDocument.Parse(stored.ItemsJson);
        ResponsesInputParser.ParseItems(items.RootElement, "previous_response_id", callIds, messages);
        return stored.ItemsJson;
    }

    private static void CheckUnsupported(JsonElement root)
    {
        if (Fields.Boolean(root, "background") == true)
        {
            throw Fields.Unsupported("background", "responses are generated while the request waits.");
        }

        if (Fields.TryGet(root, "conversation", out _))
        {
            throw Fields.Unsupported("conversation", "conversations are not kept here; continue with 'previous_response_id'.");
        }

        if (Fields.TryGet(root, "prompt", out _))
        {
            throw Fields.Unsupported("prompt", "stored prompt templates are not available; send 'instructions' and 'input'.");
        }

        if (Fields.Integer(root, "top_logprobs", 0, 20) is > 0)
        {
            throw Fields.Unsupported("top_logprobs", "log probabilities are not returned.");
        }

        if (Fields.OptionalString(root, "truncation", "truncation") is { } truncation and not ("disabled" or "auto"))
        {
            throw Fields.Invalid("truncation", "invalid_value", $"Invalid value for 'truncation': '{truncation}'. Supported values are 'disabled' and 'auto'.");
        }

        if (Fields.TryGet(root, "reasoning", out var reasoning) && reasoning.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("reasoning", "an object", reasoning);
        }

        if (Fields.TryGet(root, "include", out var include) && include.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("include", "an array of strings", include);
        }
    }

    private static JsonElement Raw(JsonElement root, string name, string absent) =>
        Fields.TryGet(root, name, out var value) ? value.Clone() : Parse(absent);

    // The format as sent, {"type":"text"} when absent (already validated by ResponsesTextParser).
    private static JsonElement TextFormat(JsonElement root) =>
        Fields.TryGet(root, "text", out var text) && Fields.TryGet(text, "format", out var format) ? format.Clone() : Parse("{\"type\":\"text\"}");

    // OpenAI's rules: at most 16 pairs, keys up to 64 characters, string values up to 512.
    private static JsonElement Metadata(JsonElement root)
    {
        if (!Fields.TryGet(root, "metadata", out var metadata))
        {
            return Parse("{}");
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("metadata", "an object", metadata);
        }

        var count = 0;
        foreach (var pair in metadata.EnumerateObject())
        {
            var param = $"metadata.{pair.Name}";
            if (++count > MaxMetadataKeys || pair.Name.Length > 64)
            {
                throw Fields.Invalid("metadata", "invalid_value", $"'metadata' may hold at most {MaxMetadataKeys} keys of up to 64 characters.");
            }

            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw Fields.WrongType(param, "a string", pair.Value);
            }

            if (pair.Value.GetString()!.Length > 512)
            {
                throw Fields.Invalid(param, "invalid_value", $"'{param}' may be at most 512 characters long.");
            }
        }

        return metadata.Clone();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>The request fields a response object repeats.</summary>
internal sealed record ResponseEcho(
    string? Instructions,
    int? MaxOutputTokens,
    bool ParallelToolCalls,
    double? Temperature,
    double? TopP,
    JsonElement Tools,
    JsonElement ToolChoice,
    JsonElement TextFormat,
    JsonElement Metadata,
    string? User);
