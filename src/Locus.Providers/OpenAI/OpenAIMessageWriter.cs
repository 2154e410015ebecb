using System.Text.Json;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>One <see cref="ChatMessage"/> as OpenAI chat messages (tool results become one "tool" message each).</summary>
internal static class OpenAIMessageWriter
{
    public static void Write(Utf8JsonWriter w, ChatMessage message)
    {
        var results = 0;
        var calls = new List<FunctionCallContent>();
        var parts = new List<AIContent>();
        var textOnly = true;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case FunctionResultContent result:
                    WriteToolResult(w, result);
                    results++;
                    break;
                case FunctionCallContent call:
                    calls.Add(call);
                    break;
                case TextContent:
                    parts.Add(content);
                    break;
                case DataContent or UriContent:
                    parts.Add(content);
                    textOnly = false;
                    break;
            }
        }

        // A tool message is fully written as its results; so is any message that held only results.
        if (message.Role == ChatRole.Tool || (results > 0 && parts.Count == 0 && calls.Count == 0))
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("role", message.Role.Value);
        w.WritePropertyName("content");
        if (parts.Count == 0 && calls.Count > 0)
        {
            w.WriteNullValue();
        }
        else if (textOnly)
        {
            w.WriteStringValue(string.Concat(parts.Cast<TextContent>().Select(t => t.Text)));
        }
        else
        {
            WriteParts(w, parts);
        }

        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                JsonSerializer.Serialize(w, OpenAIMapping.UpstreamToolCall(call), OpenAIJson.ToolCall);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter w, FunctionResultContent result)
    {
        w.WriteStartObject();
        w.WriteString("role", "tool");
        w.WriteString("tool_call_id", result.CallId);
        w.WriteString("content", ToolResults.Text(result));
        w.WriteEndObject();
    }

    private static void WriteParts(Utf8JsonWriter w, List<AIContent> parts)
    {
        w.WriteStartArray();
        foreach (var part in parts)
        {
            w.WriteStartObject();
            switch (part)
            {
                case TextContent text:
                    w.WriteString("type", "text");
                    w.WriteString("text", text.Text);
                    break;
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    w.WriteString("type", "input_audio");
                    w.WriteStartObject("input_audio");
                    w.WriteString("data", data.Base64Data.Span);
                    w.WriteString("format", data.MediaType.Contains("mp", StringComparison.OrdinalIgnoreCase) ? "mp3" : "wav");
                    w.WriteEndObject();
                    break;
                case DataContent data when !data.HasTopLevelMediaType("image"):
                    w.WriteString("type", "file");
                    w.WriteStartObject("file");
                    w.WriteString("filename", data.Name ?? "file");
                    w.WriteString("file_data", data.Uri);
                    w.WriteEndObject();
                    break;
                case DataContent image:
                    WriteImage(w, image.Uri);
                    break;
                case UriContent uri:
                    WriteImage(w, uri.Uri.AbsoluteUri);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteImage(Utf8JsonWriter w, string url)
    {
        w.WriteString("type", "image_url");
        w.WriteStartObject("image_url");
        w.WriteString("url", url);
        w.WriteEndObject();
    }
}
