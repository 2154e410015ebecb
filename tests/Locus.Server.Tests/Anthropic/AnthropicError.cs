using System.Net;
using System.Text.Json;

namespace Locus.Server.Tests.Anthropic;

/// <summary>Asserts a response is an Anthropic-style error: JSON <c>{"type":"error","error":{"type","message"}}</c>.</summary>
internal static class AnthropicError
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = AssertShape(body);
        Assert.Equal(type, error.GetProperty("type").GetString());
        return error;
    }

    /// <summary>Exactly two members, "type":"error" and "error" holding exactly a type and a non-empty message.</summary>
    public static JsonElement AssertShape(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["type", "error"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", root.GetProperty("type").GetString());
        var error = root.GetProperty("error").Clone();
        Assert.Equal(["type", "message"], error.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }
}
