using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

/// <summary>Sends Ollama requests and reads Ollama replies: one JSON object, or NDJSON lines.</summary>
internal static class OllamaWire
{
    public static async Task<JsonElement> PostAsync(HttpClient http, string path, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = Requests.Post(path, json);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Every line of an NDJSON reply, each a JSON object; the content type is Ollama's.</summary>
    public static async Task<List<JsonElement>> StreamAsync(HttpClient http, string path, string json)
    {
        using var request = Requests.Post(path, json);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        })];
    }

    /// <summary>Asserts Ollama's error body, <c>{"error":"..."}</c> and nothing else; returns the message.</summary>
    public static string AssertError(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var only = Assert.Single(root.EnumerateObject());
        Assert.Equal("error", only.Name);
        Assert.Equal(JsonValueKind.String, only.Value.ValueKind);
        var message = only.Value.GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    public static void AssertType(JsonElement obj, string name, JsonValueKind kind)
    {
        Assert.True(obj.TryGetProperty(name, out var value), $"'{name}' is missing from {obj}");
        var ok = kind is JsonValueKind.True or JsonValueKind.False
            ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
            : value.ValueKind == kind;
        Assert.True(ok, $"'{name}' is {value.ValueKind}, expected {kind}: {obj}");
    }

    /// <summary>The metrics of a final (<c>done:true</c>) object: all present, integers, none negative.</summary>
    public static void AssertFinalMetrics(JsonElement obj)
    {
        Assert.True(obj.GetProperty("done").GetBoolean());
        AssertType(obj, "done_reason", JsonValueKind.String);
        foreach (var name in new[] { "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration" })
        {
            AssertType(obj, name, JsonValueKind.Number);
            Assert.True(obj.GetProperty(name).TryGetInt64(out var n) && n >= 0, $"{name} = {obj.GetProperty(name)}");
        }
    }

    /// <summary>created_at is RFC 3339 in UTC.</summary>
    public static void AssertCreatedAt(JsonElement obj)
    {
        AssertType(obj, "created_at", JsonValueKind.String);
        Assert.True(DateTimeOffset.TryParse(obj.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out _), obj.GetProperty("created_at").GetString());
    }
}
