using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Providers.Protocols;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>M.E.AI messages and options to an OpenAI <c>/chat/completions</c> request body.</summary>
internal static class OpenAIRequestWriter
{
    public static ReadOnlyMemory<byte> Write(string model, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        using var body = new JsonBody();
        var w = body.Writer;
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteStartArray("messages");
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            w.WriteStartObject();
            w.WriteString("role", "system");
            w.WriteString("content", instructions);
            w.WriteEndObject();
        }

        foreach (var message in messages)
        {
            OpenAIMessageWriter.Write(w, message);
        }

        w.WriteEndArray();

        if (stream)
        {
            w.WriteBoolean("stream", true);
            // Without this, a streamed answer reports no token counts at all.
            w.WriteStartObject("stream_options");
            w.WriteBoolean("include_usage", true);
            w.WriteEndObject();
        }

        WriteSampling(w, options);
        WriteTools(w, options);
        WriteResponseFormat(w, options);
        w.WriteEndObject();
        return body.Finish();
    }

    private static void WriteSampling(Utf8JsonWriter w, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        WriteNumber(w, "temperature", options.Temperature);
        WriteNumber(w, "top_p", options.TopP);
        // top_k, min_p and repetition_penalty are not OpenAI's, but vLLM, llama-server and OpenRouter take them;
        // they are sent only when the caller asked for them.
        if (options.TopK is { } topK)
        {
            w.WriteNumber("top_k", topK);
        }

        WriteNumber(w, "min_p", OptionValues.Number(options, LocusChatOptions.MinP));
        WriteNumber(w, "repetition_penalty", OptionValues.Number(options, LocusChatOptions.RepetitionPenalty));
        // max_tokens rather than max_completion_tokens: every OpenAI-compatible server understands it.
        if (options.MaxOutputTokens is { } max)
        {
            w.WriteNumber("max_tokens", max);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            w.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                w.WriteStringValue(stop);
            }

            w.WriteEndArray();
        }

        if (options.Seed is { } seed)
        {
            w.WriteNumber("seed", seed);
        }

        WriteNumber(w, "frequency_penalty", options.FrequencyPenalty);
        WriteNumber(w, "presence_penalty", options.PresencePenalty);
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
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", function.Name);
            if (!string.IsNullOrEmpty(function.Description))
            {
                w.WriteString("description", function.Description);
            }

            w.WritePropertyName("parameters");
            ToolSchemas.Write(w, function.JsonSchema);
            if (ToolSchemas.Strict(function) is { } strict)
            {
                w.WriteBoolean("strict", strict);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (OpenAIMapping.ToolChoice(options!.ToolMode) is { } choice)
        {
            w.WriteString("tool_choice", choice);
        }
        else if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
        {
            w.WriteStartObject("tool_choice");
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", name);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (options.AllowMultipleToolCalls is { } parallel)
        {
            w.WriteBoolean("parallel_tool_calls", parallel);
        }
    }

    /// <summary>
    /// <c>response_format</c> as the client sent it: name, description, the schema's own bytes and strict. A schema
    /// that came without a name (Anthropic's output format has none) gets OpenAI's required one.
    /// </summary>
    private static void WriteResponseFormat(Utf8JsonWriter w, ChatOptions? options)
    {
        if (options?.ResponseFormat is not ChatResponseFormatJson json)
        {
            return;
        }

        w.WriteStartObject("response_format");
        if (json.Schema is { } schema)
        {
            w.WriteString("type", "json_schema");
            w.WriteStartObject("json_schema");
            w.WriteString("name", json.SchemaName ?? "response");
            if (!string.IsNullOrEmpty(json.SchemaDescription))
            {
                w.WriteString("description", json.SchemaDescription);
            }

            w.WritePropertyName("schema");
            ToolSchemas.WriteExact(w, schema);
            if (ResponseFormats.Strict(options) is { } strict)
            {
                w.WriteBoolean("strict", strict);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteString("type", "json_object");
        }

        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, float? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
