using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Locus.Server.Errors;
using Locus.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Locus.Server.Endpoints;

/// <summary>Reads a request body as one JSON object, within the size limit, or throws a 4xx.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <param name="anyContentType">
    /// Read the body as JSON whatever its Content-Type says: Ollama's API does, and its documented examples rely on it
    /// (<c>curl -d '{...}'</c> sends <c>application/x-www-form-urlencoded</c>).
    /// </param>
    public static async Task<JsonDocument> ReadAsync(HttpContext context, long maxBytes, bool anyContentType = false)
    {
        var request = context.Request;
        if (!anyContentType)
        {
            CheckContentType(request.ContentType);
        }

        if (request.ContentLength > maxBytes)
        {
            throw new ApiException(ApiError.TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            // Kestrel enforces the same limit for chunked bodies; counting here keeps other hosts honest too.
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new ApiException(ApiError.TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>The returned document reads <paramref name="body"/> in place: the memory must not be reused while it lives.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw Invalid("invalid_json", "The request body is empty: send a JSON object.");
        }
        // JsonDocument does not reject every malformed UTF-8 sequence inside strings; check the whole body first.
        if (!Utf8.IsValid(body.Span))
        {
            throw Invalid("invalid_json", "The request body is not valid UTF-8.");
        }

        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException e)
        {
            // The parser's own message quotes body bytes; report the position only (bodies are never logged).
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw Invalid("invalid_json",
                $"We could not parse the JSON body of your request{where}. Send one valid JSON object, each property once.");
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            string? where;
            try
            {
                where = LoneSurrogate(document.RootElement, "");
            }
            catch (InvalidOperationException)
            {
                where = "a property name"; // EnumerateObject decodes names as it goes
            }

            if (where is not null)
            {
                document.Dispose();
                // The field's path is the param, as a parser that read the field would name it.
                throw new ApiException(new ApiError(400, ApiError.InvalidRequest,
                    $"Invalid string at '{where}': it escapes a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not valid Unicode text.",
                    where == "a property name" ? null : where, "invalid_value"));
            }

            return document;
        }

        var got = Fields.Describe(document.RootElement);
        document.Dispose();
        throw Invalid("invalid_type", $"The request body must be a JSON object, but got {got}.");
    }

    /// <summary>
    /// The path of the first string (value or property name) whose escapes hold a lone surrogate, or null. Such a
    /// string is valid JSON but cannot be decoded: every later read of it would throw, so it is refused here, once.
    /// </summary>
    private static string? LoneSurrogate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(element) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (LoneSurrogate(property.Value, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (LoneSurrogate(item, $"{path}[{i++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(JsonElement s)
    {
        try
        {
            s.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // No Content-Type is accepted (some minimal clients send none; the body is validated as JSON regardless).
    private static void CheckContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return;
        }

        if (MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new ApiException(new ApiError(415, ApiError.InvalidRequest,
            $"Unsupported Content-Type '{contentType}': send the body as application/json.", null, "unsupported_media_type"));
    }

    private static ApiException Invalid(string code, string message) => new(new ApiError(400, ApiError.InvalidRequest, message, null, code));
}
