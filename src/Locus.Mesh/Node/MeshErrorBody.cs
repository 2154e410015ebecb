using System.Text.Json;

namespace Locus.Mesh.Node;

/// <summary>Mesh endpoints answer refusals in the API's error format; this reads the message back out.</summary>
public static class MeshErrorBody
{
    public static byte[] Write(string code, string message) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["error"] = new Dictionary<string, string?> { ["message"] = message, ["type"] = "mesh_refused", ["code"] = code },
    });

    public static string? Message(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("error").GetProperty("message").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
