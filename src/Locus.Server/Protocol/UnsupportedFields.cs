using System.Text.Json;

namespace Locus.Server.Protocol;

/// <summary>
/// Features a client may ask for that this server cannot honor yet. Ignoring them would silently change what the
/// client gets (no log probabilities, no token biasing), so a request that really uses one is refused; the "off" values
/// pass. Tools are read by <see cref="ToolsParser"/>, <c>response_format</c> by <see cref="ResponseFormatParser"/>; only
/// the legacy <c>functions</c> API is refused here.
/// </summary>
internal static class UnsupportedFields
{
    public static void CheckChat(JsonElement root)
    {
        if (Fields.Boolean(root, "logprobs") == true)
        {
            throw Fields.Unsupported("logprobs", "log probabilities are not returned.");
        }

        RejectUnlessZero(root, "top_logprobs", "log probabilities are not returned.");
        RejectNonEmptyArray(root, "functions", "legacy function calling is not available; use 'tools'.");
        RejectUnlessNoneOrAuto(root, "function_call");
        RejectNonEmptyObject(root, "logit_bias");
    }

    public static void CheckCompletion(JsonElement root)
    {
        // Legacy completions take logprobs as an integer (how many alternatives to return).
        RejectUnlessZero(root, "logprobs", "log probabilities are not returned.");
        if (Fields.Boolean(root, "echo") == true)
        {
            throw Fields.Unsupported("echo", "the prompt is not echoed back.");
        }

        if (Fields.OptionalString(root, "suffix", "suffix") is { Length: > 0 })
        {
            throw Fields.Unsupported("suffix", "insertion (fill-in-the-middle) is not available.");
        }

        if (Fields.Integer(root, "best_of", long.MinValue, long.MaxValue) is not null and not 1)
        {
            throw Fields.Invalid("best_of", "unsupported_value", "Only best_of=1 is supported.");
        }

        RejectNonEmptyObject(root, "logit_bias");
    }

    private static void RejectUnlessZero(JsonElement root, string name, string why)
    {
        if (Fields.Integer(root, name, 0, long.MaxValue) is > 0)
        {
            throw Fields.Unsupported(name, why);
        }
    }

    private static void RejectNonEmptyArray(JsonElement root, string name, string why)
    {
        if (!Fields.TryGet(root, name, out var v))
        {
            return;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(name, "an array", v);
        }

        if (v.GetArrayLength() > 0)
        {
            throw Fields.Unsupported(name, why);
        }
    }

    private static void RejectNonEmptyObject(JsonElement root, string name)
    {
        if (!Fields.TryGet(root, name, out var v))
        {
            return;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(name, "an object", v);
        }

        if (v.EnumerateObject().Any())
        {
            throw Fields.Unsupported(name, "token biasing is not available.");
        }
    }

    private static void RejectUnlessNoneOrAuto(JsonElement root, string name)
    {
        if (!Fields.TryGet(root, name, out var v))
        {
            return;
        }

        if (v.ValueKind != JsonValueKind.String || v.GetString() is not ("none" or "auto"))
        {
            throw Fields.Unsupported(name, "legacy function calling is not available; use 'tool_choice'.");
        }
    }
}
