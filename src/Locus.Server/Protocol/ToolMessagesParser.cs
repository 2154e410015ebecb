using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// The tool turns of an OpenAI conversation: an assistant's <c>tool_calls</c> and the <c>tool</c> messages answering
/// them. A result must answer a call made earlier in the conversation, as OpenAI requires.
/// </summary>
internal static class ToolMessagesParser
{
    /// <summary>The calls of an assistant message; their ids are added to <paramref name="callIds"/>.</summary>
    public static List<AIContent> ParseCalls(JsonElement calls, string param, HashSet<string> callIds)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "an array", calls);
        }

        var contents = new List<AIContent>(calls.GetArrayLength());
        var i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            contents.Add(ParseCall(call, $"{param}[{i++}]", callIds));
        }

        return contents;
    }

    public static ChatMessage ParseResult(JsonElement message, string path, HashSet<string> callIds)
    {
        var id = Fields.RequiredString(message, "tool_call_id", $"{path}.tool_call_id");
        if (!callIds.Contains(id))
        {
            throw Fields.Invalid($"{path}.tool_call_id", "invalid_value",
                $"Invalid '{path}.tool_call_id': no earlier assistant message has a tool call with id '{id}'. A 'tool' message must answer a call from 'tool_calls'.");
        }

        var text = string.Concat(ContentParser.Parse(message, $"{path}.content").OfType<TextContent>().Select(t => t.Text));
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(id, text)]);
    }

    private static FunctionCallContent ParseCall(JsonElement call, string path, HashSet<string> callIds)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", call);
        }

        var id = Fields.RequiredString(call, "id", $"{path}.id");
        var type = Fields.RequiredString(call, "type", $"{path}.type");
        if (type != "function")
        {
            throw Fields.Invalid($"{path}.type", "invalid_value", $"Invalid value for '{path}.type': '{type}'. Supported value: 'function'.");
        }

        if (!Fields.TryGet(call, "function", out var function))
        {
            throw Fields.Missing($"{path}.function");
        }

        if (function.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType($"{path}.function", "an object", function);
        }

        var name = Fields.RequiredString(function, "name", $"{path}.function.name");
        if (!Fields.TryGet(function, "arguments", out var arguments))
        {
            throw Fields.Missing($"{path}.function.arguments");
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            throw Fields.WrongType($"{path}.function.arguments", "a string of JSON", arguments);
        }

        callIds.Add(id);
        var text = arguments.GetString()!;
        // The text travels on as the client wrote it (an upstream gets it unchanged).
        return new FunctionCallContent(id, name, Arguments(text, $"{path}.function.arguments")).WithArgumentsJson(text);
    }

    /// <summary>OpenAI sends arguments as JSON text; an empty text (some models emit it for no arguments) means none.</summary>
    internal static Dictionary<string, object?> Arguments(string text, string param)
    {
        try
        {
            return ToolArguments.Parse(text);
        }
        catch (JsonException)
        {
            // Reported below, without the parser's message (which quotes the text).
        }

        throw Fields.Invalid(param, "invalid_value", $"Invalid '{param}': it must be the JSON text of an object, as the model produced it.");
    }
}
