using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Providers.Protocols;
using Locus.Wire;
using Locus.Wire.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>
/// M.E.AI messages and options to an Anthropic <c>/messages</c> body: system text goes to the top-level
/// <c>system</c>, tool results become <c>tool_result</c> blocks in a user turn, and turns of the same role merge.
/// </summary>
internal static class AnthropicRequestWriter
{
    /// <param name="defaultMaxTokens">Sent when <paramref name="options"/> set none: the API requires max_tokens.</param>
    public static ReadOnlyMemory<byte> Write(string model, int defaultMaxTokens, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? [.. messages];
        var raw = RawFields(options);
        using var body = new JsonBody();
        var w = body.Writer;
        w.WriteStartObject();
        w.WriteString("model", model);
        // Required by the API: a request without max_tokens is refused.
        w.WriteNumber("max_tokens", options?.MaxOutputTokens ?? defaultMaxTokens);
        if (OptionValues.SystemText(list, options) is { } system)
        {
            w.WriteString("system", system);
        }

        w.WriteStartArray("messages");
        foreach (var (role, blocks) in Turns(list))
        {
            AnthropicBlockWriter.WriteTurn(w, role, blocks);
        }

        w.WriteEndArray();
        if (stream)
        {
            w.WriteBoolean("stream", true);
        }

        WriteSampling(w, options);
        WriteTools(w, options);
        if (raw?.ContainsKey("output_config") != true)
        {
            WriteOutputFormat(w, options);
        }

        WriteRaw(w, raw);
        w.WriteEndObject();
        return body.Finish();
    }

    private static IReadOnlyDictionary<string, JsonElement>? RawFields(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(LocusChatOptions.AnthropicFields, out var value) == true
            ? value as IReadOnlyDictionary<string, JsonElement>
            : null;

    /// <summary>
    /// Fields an Anthropic client sent that only Anthropic reads (thinking, context_management, ...), as it wrote them.
    /// A name this writer already wrote is skipped: the body must hold each property once.
    /// </summary>
    private static void WriteRaw(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement>? raw)
    {
        foreach (var (name, value) in raw ?? new Dictionary<string, JsonElement>())
        {
            if (Written.Contains(name))
            {
                continue;
            }

            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }

    private static readonly HashSet<string> Written =
        ["model", "max_tokens", "system", "messages", "stream", "temperature", "top_p", "top_k", "stop_sequences", "tools", "tool_choice"];

    /// <summary>Consecutive messages that map to the same role become one turn, as the API expects.</summary>
    private static List<(string Role, List<AIContent> Blocks)> Turns(IEnumerable<ChatMessage> messages)
    {
        var turns = new List<(string Role, List<AIContent> Blocks)>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                continue;
            }

            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = message.Contents.Where(AnthropicBlockWriter.IsSupported).ToList();
            if (blocks.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Blocks.AddRange(blocks);
            }
            else
            {
                turns.Add((role, blocks));
            }
        }

        return turns;
    }

    private static void WriteSampling(Utf8JsonWriter w, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            w.WriteNumber("top_p", topP);
        }

        if (options.TopK is { } topK)
        {
            w.WriteNumber("top_k", topK);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            w.WriteStartArray("stop_sequences");
            foreach (var stop in stops)
            {
                w.WriteStringValue(stop);
            }

            w.WriteEndArray();
        }
    }

    private static void WriteTools(Utf8JsonWriter w, ChatOptions? options)
    {
        var functions = options?.Tools?.OfType<AIFunctionDeclaration>().ToList();
        if (functions is not { Count: > 0 })
        {
            return;
        }

        w.WriteStartArray("tools");
        foreach (var function in functions)
        {
            w.WriteStartObject();
            w.WriteString("name", function.Name);
            if (!string.IsNullOrEmpty(function.Description))
            {
                w.WriteString("description", function.Description);
            }

            w.WritePropertyName("input_schema");
            ToolSchemas.Write(w, function.JsonSchema);
            if (ToolSchemas.Strict(function) is { } strict)
            {
                w.WriteBoolean("strict", strict);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        var type = AnthropicMapping.ToolChoiceType(options!.ToolMode);
        var serial = options.AllowMultipleToolCalls == false;
        if (type is null && !serial)
        {
            return;
        }

        w.WriteStartObject("tool_choice");
        w.WriteString("type", type ?? "auto");
        if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
        {
            w.WriteString("name", name);
        }

        if (serial && type != "none")
        {
            w.WriteBoolean("disable_parallel_tool_use", true);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// A JSON schema output as <c>output_config.format</c>, the schema's own bytes. The Messages API has no schema-less
    /// JSON mode, so a plain JSON request (OpenAI's json_object) has nothing to map to and sends none.
    /// </summary>
    private static void WriteOutputFormat(Utf8JsonWriter w, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: { } schema })
        {
            return;
        }

        w.WriteStartObject("output_config");
        w.WriteStartObject("format");
        w.WriteString("type", "json_schema");
        w.WritePropertyName("schema");
        ToolSchemas.WriteExact(w, schema);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
