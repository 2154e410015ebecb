using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Requests;

/// <summary>
/// The texts a request carries besides its messages' contents, which reach a target as surely as the messages do:
/// author names, tool declarations (descriptions and every string in their parameter schemas), stop sequences, the
/// response format's schema, name and description, and instructions. Read for the privacy scan, rewritten for
/// redaction. Names a target must see as identifiers (tool names, called functions' names) are kept apart.
/// </summary>
internal static partial class RequestTexts
{
    /// <summary>Every option text, one per line (empty without options).</summary>
    public static string OptionText(ChatOptions? options)
    {
        if (options is null)
        {
            return "";
        }

        var text = new StringBuilder();
        if (options.Instructions is { Length: > 0 } instructions)
        {
            text.Append(instructions).Append('\n');
        }

        foreach (var function in options.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            if (function.Description is { Length: > 0 } description)
            {
                text.Append(description).Append('\n');
            }

            JsonStrings.Collect(function.JsonSchema, text);
            if (function.ReturnJsonSchema is { } returns)
            {
                JsonStrings.Collect(returns, text);
            }
        }

        foreach (var stop in options.StopSequences ?? [])
        {
            text.Append(stop).Append('\n');
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            text.Append(json.SchemaName).Append('\n').Append(json.SchemaDescription).Append('\n');
            if (json.Schema is { } schema)
            {
                JsonStrings.Collect(schema, text);
            }
        }

        return text.ToString();
    }

    /// <summary>The messages' author names, one per line.</summary>
    public static string AuthorNames(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.AuthorName is { Length: > 0 } name)
            {
                text.Append(name).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Tool names (declared, required, called): a target needs them verbatim to call the tool, so they cannot be
    /// replaced by placeholders. A secret in one keeps the request on the device.
    /// </summary>
    public static string ToolNames(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var text = new StringBuilder();
        foreach (var tool in options?.Tools ?? [])
        {
            text.Append(tool.Name).Append('\n');
        }

        if (options?.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } required })
        {
            text.Append(required).Append('\n');
        }

        foreach (var call in messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            text.Append(call.Name).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A copy of <paramref name="options"/> with <paramref name="map"/> applied to every option text; the options
    /// themselves when there are none or nothing changed. Tools are rebuilt as declarations (name, mapped description,
    /// mapped schema), as the server builds them from a request.
    /// </summary>
    public static ChatOptions? Map(ChatOptions? options, Func<string, string> map)
    {
        if (options is null)
        {
            return null;
        }

        var copy = options.Clone();
        var changed = false;
        if (options.Instructions is { } instructions)
        {
            copy.Instructions = Mapped(instructions, map, ref changed);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            var mapped = new List<AITool>(tools.Count);
            foreach (var tool in tools)
            {
                mapped.Add(tool is AIFunctionDeclaration function ? MapTool(function, map, ref changed) : tool);
            }

            copy.Tools = mapped;
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            copy.StopSequences = [.. stops.Select(s => Mapped(s, map, ref changed))];
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            var schema = json.Schema is { } s ? JsonStrings.Map(s, map) : (System.Text.Json.JsonElement?)null;
            var name = json.SchemaName is { } n ? Identifier(n, map) : null;
            var description = json.SchemaDescription is { } d ? map(d) : null;
            if (!Same(schema, json.Schema) || name != json.SchemaName || description != json.SchemaDescription)
            {
                changed = true;
                copy.ResponseFormat = new ChatResponseFormatJson(schema, name, description);
            }
        }

        return changed ? copy : options;
    }

    private static AIFunctionDeclaration MapTool(AIFunctionDeclaration function, Func<string, string> map, ref bool changed)
    {
        var description = function.Description is { Length: > 0 } d ? map(d) : function.Description;
        var schema = JsonStrings.Map(function.JsonSchema, map);
        if (description == function.Description && Same(schema, function.JsonSchema))
        {
            return function;
        }

        changed = true;
        return AIFunctionFactory.CreateDeclaration(function.Name, description, schema, function.ReturnJsonSchema is { } r ? JsonStrings.Map(r, map) : null);
    }

    /// <summary>
    /// A name the APIs require to be an identifier (a schema name, a message's author name: letters, digits, '_' and
    /// '-') keeps being one when the map changes it: a placeholder put into it loses its brackets. Nothing comes back
    /// in such a name, so there is nothing to restore.
    /// </summary>
    public static string Identifier(string name, Func<string, string> map)
    {
        var mapped = map(name);
        return mapped == name ? name : NotInName().Replace(mapped, "");
    }

    private static bool Same(System.Text.Json.JsonElement? a, System.Text.Json.JsonElement? b) =>
        string.Equals(a?.GetRawText(), b?.GetRawText(), StringComparison.Ordinal);

    private static string Mapped(string text, Func<string, string> map, ref bool changed)
    {
        var result = map(text);
        changed |= result != text;
        return result;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotInName();
}
