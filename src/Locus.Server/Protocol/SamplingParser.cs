using System.Text.Json;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>The sampling fields chat and text completions share, mapped onto <see cref="ChatOptions"/>.</summary>
internal static class SamplingParser
{
    private const int MaxStopSequences = 4;

    public static ChatOptions Parse(JsonElement root, string model, bool chat)
    {
        var n = Fields.Integer(root, "n", long.MinValue, long.MaxValue);
        if (n is not null and not 1)
        {
            throw Fields.Invalid("n", "unsupported_value", "Only n=1 is supported: this server generates one choice per request.");
        }

        var options = new ChatOptions
        {
            ModelId = model,
            Temperature = (float?)Fields.Number(root, "temperature", 0, 2),
            TopP = (float?)Fields.Number(root, "top_p", 0, 1, minExclusive: true),
            TopK = (int?)Fields.Integer(root, "top_k", 0, int.MaxValue),
            FrequencyPenalty = (float?)Fields.Number(root, "frequency_penalty", -2, 2),
            PresencePenalty = (float?)Fields.Number(root, "presence_penalty", -2, 2),
            Seed = Fields.Integer(root, "seed", long.MinValue, long.MaxValue),
            MaxOutputTokens = MaxTokens(root, chat),
            StopSequences = Stop(root),
        };
        AddExtra(options, LocusChatOptions.MinP, Fields.Number(root, "min_p", 0, 1));
        AddExtra(options, LocusChatOptions.RepetitionPenalty,
            Fields.Number(root, "repetition_penalty", 0, double.MaxValue, minExclusive: true));
        if (Fields.Boolean(root, "ignore_eos") is true)
        {
            (options.AdditionalProperties ??= [])[LocusChatOptions.IgnoreEos] = true;
        }

        return options;
    }

    // Chat: max_completion_tokens replaced max_tokens in OpenAI's API; when both are sent the newer one wins.
    private static int? MaxTokens(JsonElement root, bool chat)
    {
        var legacy = Fields.Integer(root, "max_tokens", 1, int.MaxValue);
        var current = chat ? Fields.Integer(root, "max_completion_tokens", 1, int.MaxValue) : null;
        return (int?)(current ?? legacy);
    }

    private static List<string>? Stop(JsonElement root)
    {
        if (!Fields.TryGet(root, "stop", out var stop))
        {
            return null;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return [NonEmpty(stop, "stop")];
        }

        if (stop.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("stop", "a string or an array of strings", stop);
        }

        if (stop.GetArrayLength() > MaxStopSequences)
        {
            throw Fields.Invalid("stop", "invalid_value", $"'stop' may hold at most {MaxStopSequences} sequences.");
        }

        var list = new List<string>(stop.GetArrayLength());
        var i = 0;
        foreach (var item in stop.EnumerateArray())
        {
            var param = $"stop[{i++}]";
            list.Add(item.ValueKind == JsonValueKind.String ? NonEmpty(item, param) : throw Fields.WrongType(param, "a string", item));
        }
        return list.Count > 0 ? list : null;
    }

    private static string NonEmpty(JsonElement s, string param)
    {
        var value = s.GetString()!;
        return value.Length > 0 ? value : throw Fields.Invalid(param, "invalid_value", $"'{param}' must not be an empty string.");
    }

    private static void AddExtra(ChatOptions options, string key, double? value)
    {
        if (value is { } v)
        {
            (options.AdditionalProperties ??= [])[key] = (float)v;
        }
    }
}
