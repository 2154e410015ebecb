using System.Text.Json;

namespace Locus.Providers.Protocols;

/// <summary>What an upstream said went wrong; any field may be missing.</summary>
internal readonly record struct UpstreamErrorInfo(string? Message, string? Type, string? Code, string? Param);

/// <summary>
/// Reads error bodies of both protocols: OpenAI's <c>{"error":{"message","type","param","code"}}</c>, Anthropic's
/// <c>{"type":"error","error":{"type","message"}}</c>, and the looser shapes compatible servers use
/// (<c>{"error":"..."}</c> from Ollama, <c>{"detail":"..."}</c> from FastAPI apps, a numeric <c>code</c> from OpenRouter).
/// </summary>
internal static class ErrorBody
{
    public static UpstreamErrorInfo Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            if (root.TryGetProperty("error", out var error))
            {
                return FromError(error);
            }

            return new UpstreamErrorInfo(Text(root, "message") ?? Text(root, "detail"), Text(root, "type"), Text(root, "code"), null);
        }
        catch (JsonException)
        {
            return default; // a proxy's HTML page, plain text: the status has to speak for itself
        }
    }

    /// <summary>A sentence from an <c>error</c> member found inside a stream.</summary>
    public static string Describe(JsonElement error) => FromError(error).Message ?? "the upstream reported an error without a message";

    public static string? Type(JsonElement error) => FromError(error).Type;

    private static UpstreamErrorInfo FromError(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => new UpstreamErrorInfo(error.GetString(), null, null, null),
        JsonValueKind.Object => new UpstreamErrorInfo(Text(error, "message"), Text(error, "type"), Text(error, "code"), Text(error, "param")),
        _ => default,
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
