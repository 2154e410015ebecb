using System.Text.Json;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>Content to Anthropic blocks: text, image, document, tool_use, tool_result.</summary>
internal static class AnthropicBlockWriter
{
    /// <summary>Whether a content item has a block; empty text has none (the API refuses empty text blocks).</summary>
    public static bool IsSupported(AIContent content) => content switch
    {
        TextContent text => text.Text.Length > 0,
        DataContent data => data.HasTopLevelMediaType("image") || IsPdf(data.MediaType),
        UriContent uri => uri.HasTopLevelMediaType("image") || IsPdf(uri.MediaType),
        FunctionCallContent or FunctionResultContent => true,
        _ => false,
    };

    public static void WriteTurn(Utf8JsonWriter w, string role, List<AIContent> blocks)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        if (blocks is [TextContent only])
        {
            w.WriteString("content", only.Text);
        }
        else
        {
            w.WriteStartArray("content");
            // Tool results must open a user turn; anything the caller said alongside them follows.
            foreach (var block in blocks.OrderBy(b => b is FunctionResultContent ? 0 : 1))
            {
                WriteBlock(w, block);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteBlock(Utf8JsonWriter w, AIContent content)
    {
        w.WriteStartObject();
        switch (content)
        {
            case TextContent text:
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                break;
            case DataContent data:
                w.WriteString("type", IsPdf(data.MediaType) ? "document" : "image");
                w.WriteStartObject("source");
                w.WriteString("type", "base64");
                w.WriteString("media_type", data.MediaType);
                w.WriteString("data", data.Base64Data.Span);
                w.WriteEndObject();
                break;
            case UriContent uri:
                w.WriteString("type", IsPdf(uri.MediaType) ? "document" : "image");
                w.WriteStartObject("source");
                w.WriteString("type", "url");
                w.WriteString("url", uri.Uri.AbsoluteUri);
                w.WriteEndObject();
                break;
            case FunctionCallContent call:
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.CallId);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                ToolArguments.ElementOf(call).WriteTo(w);
                break;
            case FunctionResultContent result:
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.CallId);
                w.WriteString("content", ToolResults.Text(result));
                if (result.Exception is not null)
                {
                    w.WriteBoolean("is_error", true);
                }

                break;
        }

        w.WriteEndObject();
    }

    private static bool IsPdf(string mediaType) => mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);
}
