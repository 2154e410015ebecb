using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// The generation settings of a Messages request. The shared <see cref="SamplingParser"/> reads top_p, top_k, seed and
/// Locus's own extensions (min_p, penalties) exactly as chat completions does; on top come Anthropic's rules: a required
/// max_tokens, temperature in [0, 1], and stop_sequences.
/// </summary>
internal static class AnthropicOptionsParser
{
    private const int MaxStopSequences = 64;

    public static ChatOptions Parse(JsonElement root, string model)
    {
        // "stop" would be taken silently by the shared parser; a client that sends it is speaking the wrong API.
        if (Fields.TryGet(root, "stop", out _))
        {
            throw Fields.Invalid("stop", "unsupported_parameter", "'stop' is not a Messages API parameter: send 'stop_sequences'.");
        }
        // Anthropic's range, checked first so that a 1.5 is not reported against OpenAI's [0, 2].
        var temperature = (float?)Fields.Number(root, "temperature", 0, 1);
        var maxTokens = Fields.Integer(root, "max_tokens", 1, int.MaxValue) ?? throw Fields.Missing("max_tokens");
        var options = SamplingParser.Parse(root, model, chat: false);
        options.Temperature = temperature;
        options.MaxOutputTokens = (int)maxTokens;
        options.StopSequences = StopSequences(root);
        CheckMetadata(root);
        CheckThinking(root, maxTokens);
        AnthropicPassthrough.Attach(root, options);
        return options;
    }

    private static List<string>? StopSequences(JsonElement root)
    {
        if (!Fields.TryGet(root, "stop_sequences", out var array))
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("stop_sequences", "an array of strings", array);
        }

        if (array.GetArrayLength() > MaxStopSequences)
        {
            throw Fields.Invalid("stop_sequences", "invalid_value", $"'stop_sequences' may hold at most {MaxStopSequences} sequences.");
        }

        var list = new List<string>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var param = $"stop_sequences[{i++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Fields.WrongType(param, "a string", item);
            }

            var value = item.GetString()!;
            list.Add(string.IsNullOrWhiteSpace(value)
                ? throw Fields.Invalid(param, "invalid_value", $"'{param}' must contain non-whitespace characters.")
                : value);
        }
        return list.Count > 0 ? list : null;
    }

    // metadata.user_id identifies the end user to Anthropic's abuse checks; nothing here uses it, but it must be well-formed.
    private static void CheckMetadata(JsonElement root)
    {
        if (!Fields.TryGet(root, "metadata", out var metadata))
        {
            return;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("metadata", "an object", metadata);
        }

        Fields.OptionalString(metadata, "user_id", "metadata.user_id");
    }

    // Extended thinking is an Anthropic model's own: it travels to Anthropic targets (AnthropicPassthrough) and a local
    // model answers without thinking blocks, as Anthropic's models do when they choose not to think.
    private static void CheckThinking(JsonElement root, long maxTokens)
    {
        if (!Fields.TryGet(root, "thinking", out var thinking))
        {
            return;
        }

        if (thinking.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("thinking", "an object", thinking);
        }

        var type = Fields.RequiredString(thinking, "type", "thinking.type");
        switch (type)
        {
            case "enabled":
                if (!Fields.TryGet(thinking, "budget_tokens", out var b))
                {
                    throw Fields.Missing("thinking.budget_tokens");
                }

                if (b.ValueKind != JsonValueKind.Number || !b.TryGetInt64(out var budget))
                {
                    throw Fields.WrongType("thinking.budget_tokens", "an integer", b);
                }

                if (budget < 1024 || budget >= maxTokens)
                {
                    throw Fields.Invalid("thinking.budget_tokens", "invalid_value",
                        $"Invalid value for 'thinking.budget_tokens': {budget}; it must be at least 1024 and less than max_tokens ({maxTokens}).");
                }

                break;
            case "adaptive":
                Fields.OptionalString(thinking, "display", "thinking.display");
                break;
            case "disabled":
                break;
            default:
                throw Fields.Invalid("thinking.type", "invalid_value",
                    $"Invalid value for 'thinking.type': '{type}'. Supported values are 'enabled', 'adaptive' and 'disabled'.");
        }
    }
}
