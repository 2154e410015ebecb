using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Anthropic's structured output onto <see cref="ChatOptions.ResponseFormat"/>: <c>output_config.format</c>, or the
/// older top-level <c>output_format</c> that the API still takes, each <c>{"type":"json_schema","schema":{...}}</c>.
/// Other members of <c>output_config</c> (effort) are hints this server does not use.
/// </summary>
internal static class AnthropicOutputFormatParser
{
    public static void Parse(JsonElement root, ChatOptions options)
    {
        JsonElement? config = null;
        if (Fields.TryGet(root, "output_config", out var outputConfig))
        {
            if (outputConfig.ValueKind != JsonValueKind.Object)
            {
                throw Fields.WrongType("output_config", "an object", outputConfig);
            }

            config = Fields.TryGet(outputConfig, "format", out var f) ? f : null;
        }

        var legacy = Fields.TryGet(root, "output_format", out var old) ? old : (JsonElement?)null;
        if (config is not null && legacy is not null)
        {
            throw Fields.Invalid("output_format", "invalid_value",
                "Send the output format once: 'output_config.format' (or the older 'output_format'), not both.");
        }

        if ((config ?? legacy) is not { } format)
        {
            return;
        }

        var param = config is not null ? "output_config.format" : "output_format";

        if (format.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(param, "an object", format);
        }

        var type = Fields.RequiredString(format, "type", $"{param}.type");
        if (type != "json_schema")
        {
            throw Fields.Invalid($"{param}.type", "invalid_value", $"Invalid value for '{param}.type': '{type}'. Supported value: 'json_schema'.");
        }

        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(ResponseFormatParser.Schema(format, $"{param}.schema"));
    }
}
