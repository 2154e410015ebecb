using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Locus.Core.Errors;

namespace Locus.Cli.Commands;

/// <summary>
/// Talks to the running node (<c>locus serve</c>) for commands that act on its live state: mesh and memory.
/// The address comes from <c>--node</c> or the config's server host and port; the key from <c>LOCUS_API_KEY</c>.
/// </summary>
internal sealed class NodeApi(Uri baseUrl, string? apiKey) : IDisposable
{
    public const string KeyVariable = "LOCUS_API_KEY";

    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public static NodeApi For(string? node, string? configPath)
    {
        Uri url;
        if (node is not null)
        {
            if (!Uri.TryCreate(node, UriKind.Absolute, out url!) || url.Scheme is not ("http" or "https"))
            {
                throw new LocusException(LocusError.Invalid($"--node must be the node's URL, e.g. http://127.0.0.1:11480 (got \"{node}\")"));
            }
        }
        else
        {
            var server = CommonOptions.Load(configPath, new Dictionary<string, string?>()).Server;
            var host = server.Host is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : server.Host;
            url = new Uri($"http://{host}:{server.Port}/");
        }

        return new NodeApi(url, Environment.GetEnvironmentVariable(KeyVariable));
    }

    public Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonObject> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    public Task<JsonObject> PutAsync(string path, JsonObject body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonObject> DeleteAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new LocusException(LocusError.Invalid(
                $"cannot reach the Locus node at {baseUrl} ({ex.Message}): start it with `locus serve`, or point --node at it"));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonObject? json = null;
            try
            {
                json = JsonNode.Parse(text) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (response.IsSuccessStatusCode && json is not null)
            {
                return json;
            }

            var message = json?["error"]?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode} from {baseUrl}";
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                message += $" (set {KeyVariable} to one of the node's API keys)";
            }

            throw new LocusException(LocusError.Invalid(message));
        }
    }

    public void Dispose() => _http.Dispose();
}
