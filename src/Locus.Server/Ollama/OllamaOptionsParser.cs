using System.Text.Json;
using System.Text.RegularExpressions;
using Locus.Core.Abstractions;
using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>
/// Reads what <c>/api/chat</c> and <c>/api/generate</c> share: <c>options</c> (Ollama's Modelfile parameters) onto
/// <see cref="ChatOptions"/>, <c>format</c> onto <see cref="ChatOptions.ResponseFormat"/>, and <c>stream</c>,
/// <c>keep_alive</c>, <c>think</c>, <c>logprobs</c>. Every failure is a 400 naming the field.
/// </summary>
/// <remarks>
/// Sampling options map onto the request; the options that configure loading and hardware (<c>num_gpu</c>,
/// <c>num_thread</c>, <c>use_mmap</c>, ...) are type-checked and ignored: Locus loads each model once, at start, from
/// its configuration, and many requests share it. An option Ollama does not define is refused, so a misspelt sampling
/// option cannot go unnoticed.
/// </remarks>
internal static partial class OllamaOptionsParser
{
    private const int MaxStopSequences = 16;

    private enum Kind
    {
        Integer,
        Number,
        Boolean,
    }

    /// <summary>Ollama's options that have no per-request meaning here, with the type Ollama gives them.</summary>
    private static readonly Dictionary<string, Kind> Ignored = new(StringComparer.Ordinal)
    {
        ["num_ctx"] = Kind.Integer,
        ["num_keep"] = Kind.Integer,
        ["typical_p"] = Kind.Number,
        ["repeat_last_n"] = Kind.Integer,
        ["penalize_newline"] = Kind.Boolean,
        ["numa"] = Kind.Boolean,
        ["num_batch"] = Kind.Integer,
        ["num_gpu"] = Kind.Integer,
        ["main_gpu"] = Kind.Integer,
        ["use_mmap"] = Kind.Boolean,
        ["use_mlock"] = Kind.Boolean,
        ["num_thread"] = Kind.Integer,
        ["draft_num_predict"] = Kind.Integer,
        ["low_vram"] = Kind.Boolean,
        ["f16_kv"] = Kind.Boolean,
        ["vocab_only"] = Kind.Boolean,
        ["logits_all"] = Kind.Boolean,
        ["mirostat"] = Kind.Integer,
        ["mirostat_tau"] = Kind.Number,
        ["mirostat_eta"] = Kind.Number,
        ["tfs_z"] = Kind.Number,
    };

    private static readonly HashSet<string> Mapped = new(StringComparer.Ordinal)
    {
        "num_predict", "temperature", "top_p", "top_k", "min_p", "seed", "stop", "repeat_penalty", "presence_penalty", "frequency_penalty",
    };

    /// <summary>The request's <c>options</c> and <c>format</c> as chat options for <paramref name="model"/> (a catalog id).</summary>
    public static ChatOptions Parse(JsonElement root, string model)
    {
        var options = new ChatOptions { ModelId = model };
        ParseFormat(root, options);
        CheckUnsupported(root);
        if (!Fields.TryGet(root, "options", out var o))
        {
            return options;
        }

        if (o.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("options", "an object", o);
        }

        foreach (var property in o.EnumerateObject())
        {
            if (Ignored.TryGetValue(property.Name, out var kind))
            {
                CheckIgnored(o, property.Name, kind);
            }
            else if (!Mapped.Contains(property.Name))
            {
                throw Fields.Invalid($"options.{Shorten(property.Name)}", "unknown_parameter",
                    $"Unknown option 'options.{Shorten(property.Name)}'. docs/ollama.md lists the options this server accepts.");
            }
        }

        options.MaxOutputTokens = NumPredict(o);
        options.Temperature = (float?)Fields.Number(o, "temperature", 0, 5);
        options.TopP = (float?)Fields.Number(o, "top_p", 0, 1, minExclusive: true);
        options.TopK = (int?)Fields.Integer(o, "top_k", 0, int.MaxValue);
        options.Seed = Fields.Integer(o, "seed", long.MinValue, long.MaxValue);
        options.PresencePenalty = (float?)Fields.Number(o, "presence_penalty", -2, 2);
        options.FrequencyPenalty = (float?)Fields.Number(o, "frequency_penalty", -2, 2);
        options.StopSequences = Stop(o);
        if (Fields.Number(o, "min_p", 0, 1) is { } minP)
        {
            (options.AdditionalProperties ??= [])[LocusChatOptions.MinP] = (float)minP;
        }

        if (Fields.Number(o, "repeat_penalty", 0, double.MaxValue, minExclusive: true) is { } repeat)
        {
            (options.AdditionalProperties ??= [])[LocusChatOptions.RepetitionPenalty] = (float)repeat;
        }

        return options;
    }

    /// <summary><c>stream</c>: true unless the request says false (Ollama streams by default).</summary>
    public static bool Stream(JsonElement root) => Fields.Boolean(root, "stream") ?? true;

    /// <summary>
    /// <c>keep_alive</c>: a duration (Go's syntax, "5m", "1h30m", "-1") or a number of seconds. Locus keeps every model
    /// loaded for the life of the server, so the value is only checked; true when it is zero (Ollama's "unload").
    /// </summary>
    public static bool KeepAliveIsZero(JsonElement root)
    {
        if (!Fields.TryGet(root, "keep_alive", out var keep))
        {
            return false;
        }

        if (keep.ValueKind == JsonValueKind.Number)
        {
            return keep.TryGetDouble(out var seconds) ? seconds == 0 : throw Fields.WrongType("keep_alive", "a duration", keep);
        }

        if (keep.ValueKind != JsonValueKind.String)
        {
            throw Fields.WrongType("keep_alive", "a duration string (such as \"5m\") or a number of seconds", keep);
        }

        var text = keep.GetString()!;
        if (!GoDuration().IsMatch(text))
        {
            throw Fields.Invalid("keep_alive", "invalid_value",
                $"Invalid value for 'keep_alive': '{Shorten(text)}'. Send a duration such as \"5m\", \"1h30m\" or \"-1\", or a number of seconds.");
        }

        return text.TrimStart('+', '-').All(c => c is '0' or '.' or 'n' or 'u' or 'µ' or 'm' or 's' or 'h');
    }

    /// <summary><c>think</c>: a boolean or a level; accepted and not acted on (see docs/ollama.md).</summary>
    public static void CheckThink(JsonElement root)
    {
        if (!Fields.TryGet(root, "think", out var think) || think.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (think.ValueKind != JsonValueKind.String)
        {
            throw Fields.WrongType("think", "a boolean or one of \"low\", \"medium\", \"high\"", think);
        }

        if (think.GetString() is not ("low" or "medium" or "high" or "max"))
        {
            throw Fields.Invalid("think", "invalid_value",
                $"Invalid value for 'think': '{Shorten(think.GetString()!)}'. Supported values are true, false, \"low\", \"medium\", \"high\" and \"max\".");
        }
    }

    /// <summary><c>images</c>, on a request or a message: only absent or empty passes (see docs/ollama.md).</summary>
    public static void RejectImages(JsonElement obj, string param)
    {
        if (!Fields.TryGet(obj, "images", out var images))
        {
            return;
        }

        if (images.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "an array of base64 strings", images);
        }

        if (images.GetArrayLength() > 0)
        {
            throw Fields.Unsupported(param, "the models served here take text only, and answering without the images would mislead.");
        }
    }

    // format: "json" (any JSON object), a JSON schema (structured output), or "" / absent (free text).
    private static void ParseFormat(JsonElement root, ChatOptions options)
    {
        if (!Fields.TryGet(root, "format", out var format))
        {
            return;
        }

        if (format.ValueKind == JsonValueKind.String)
        {
            options.ResponseFormat = format.GetString() switch
            {
                "" => null,
                "json" => ChatResponseFormat.Json,
                var other => throw Fields.Invalid("format", "invalid_value",
                    $"Invalid value for 'format': '{Shorten(other!)}'. Send \"json\" or a JSON schema object."),
            };
            return;
        }

        options.ResponseFormat = format.ValueKind == JsonValueKind.Object
            ? ChatResponseFormat.ForJsonSchema(format.Clone())
            : throw Fields.WrongType("format", "\"json\" or a JSON schema object", format);
    }

    private static void CheckUnsupported(JsonElement root)
    {
        if (Fields.Boolean(root, "logprobs") == true)
        {
            throw Fields.Unsupported("logprobs", "log probabilities are not returned.");
        }

        if (Fields.Integer(root, "top_logprobs", 0, int.MaxValue) is > 0)
        {
            throw Fields.Unsupported("top_logprobs", "log probabilities are not returned.");
        }

        Fields.Boolean(root, "truncate");
        Fields.Boolean(root, "shift");
        KeepAliveIsZero(root);
        CheckThink(root);
    }

    private static void CheckIgnored(JsonElement o, string name, Kind kind)
    {
        _ = kind switch
        {
            Kind.Integer => Fields.Integer(o, name, long.MinValue, long.MaxValue),
            Kind.Number => Fields.Number(o, name, double.MinValue, double.MaxValue),
            _ => Fields.Boolean(o, name) is { } b ? (b ? 1 : 0) : (double?)null,
        };
    }

    // -1: no limit; -2: until the context is full. Both leave the limit to the context, as here.
    private static int? NumPredict(JsonElement o)
    {
        var n = Fields.Integer(o, "num_predict", long.MinValue, long.MaxValue);
        return n switch
        {
            null or -1 or -2 => null,
            >= 1 and <= int.MaxValue => (int)n,
            _ => throw Fields.Invalid("num_predict", "invalid_value",
                $"Invalid value for 'num_predict': {n}. Send a positive number of tokens, -1 (no limit) or -2 (until the context is full)."),
        };
    }

    private static List<string>? Stop(JsonElement o)
    {
        if (!Fields.TryGet(o, "stop", out var stop))
        {
            return null;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return stop.GetString() is { Length: > 0 } one ? [one] : null;
        }

        if (stop.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("stop", "an array of strings", stop);
        }

        if (stop.GetArrayLength() > MaxStopSequences)
        {
            throw Fields.Invalid("stop", "invalid_value", $"'stop' may hold at most {MaxStopSequences} sequences.");
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in stop.EnumerateArray())
        {
            var param = $"stop[{i++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Fields.WrongType(param, "a string", item);
            if (text.Length == 0)
            {
                throw Fields.Invalid(param, "invalid_value", $"'{param}' must not be an empty string.");
            }

            list.Add(text);
        }

        return list.Count > 0 ? list : null;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$")]
    private static partial Regex GoDuration();
}
