using System.Text.Json;
using System.Text.Json.Nodes;

namespace Locus.Server.Tests.AgentTraffic;

/// <summary>
/// The recorded first requests of real coding agents (structure only: see README.md here): method, path, query,
/// headers and body, and how to send one to a server under test.
/// </summary>
internal sealed record AgentRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public const string ClaudeCode = "claude-code.messages.json";
    public const string Codex = "codex.responses.json";

    // Transport headers HttpClient sets itself, and the credential the recording redacted.
    private static readonly HashSet<string> NotReplayed =
        new(StringComparer.OrdinalIgnoreCase) { "content-type", "content-length", "host", "connection", "accept-encoding", "authorization", "x-api-key" };

    public static AgentRequest Load(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "AgentTraffic", file)))!.AsObject();
        return new(
            root["method"]!.GetValue<string>(),
            root["path"]!.GetValue<string>(),
            root["query"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            root["headers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            root["body"]!.AsObject());
    }

    public string Url => Query.Count == 0 ? Path : $"{Path}?{string.Join('&', Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"))}";

    /// <summary>The recorded request with its body's <c>model</c> replaced by <paramref name="model"/>, and optional edits.</summary>
    public HttpRequestMessage ToHttp(string model, Action<JsonObject>? edit = null, string? path = null)
    {
        var body = Body.DeepClone().AsObject();
        body["model"] = model;
        edit?.Invoke(body);
        var request = new HttpRequestMessage(new HttpMethod(Method), path ?? Url)
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in Headers.Where(h => !NotReplayed.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public JsonElement BodyElement(string name) => JsonSerializer.SerializeToElement(Body[name]);
}
