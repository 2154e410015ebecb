using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Core.Configuration;
using Locus.Node;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// The privacy canary for tool calling, end to end: a real Locus (config from a YAML file) in front of recording
/// upstreams on loopback — "home", an OpenAI-compatible server on the person's own network (on_device: the fast
/// path), and two cloud providers, one per protocol. Fifty planted secrets ride in tool descriptions, parameter
/// schemas, tool-call arguments and tool results in the history, and stop sequences, over both client APIs. Whether
/// policy redacts them or keeps them home, none reaches a cloud upstream, in any body or header; and a cloud tool
/// call that uses a placeholder it was sent reaches the client with the original value, streamed or not.
/// </summary>
public sealed class ToolPrivacyEndToEndTests(ToolPrivacyFixture fx) : IClassFixture<ToolPrivacyFixture>
{
    /// <summary>Where a secret rides: the five places tool calling adds to a request.</summary>
    private enum Place { ToolDescription, Schema, CallArguments, ToolResult, StopSequence }

    private const int SecretsPerRequest = 5;

    private const string Email = "jane.doe@example.com";
    private const string Password = "Tr0ub\\4dor&3x\\n!Q";

    /// <summary>50 distinct planted values of every detector kind, each with the sentence that gives it away.</summary>
    private static readonly IReadOnlyList<PlantedSecret> Secrets = [.. Enumerable.Range(42, 4)
        .SelectMany(seed => PlantedSecrets.All(seed)).DistinctBy(s => s.Value).Take(50)];

    [Fact]
    public void Secrets_FiftyOfEveryDetector()
    {
        Assert.Equal(50, Secrets.Count);
        Assert.Equal(PlantedSecrets.All().Select(s => s.Detector).ToHashSet(), Secrets.Select(s => s.Detector).ToHashSet());
    }

    [Fact]
    public async Task Redact_FiftySecretsInToolFields_NoneReachesTheCloud_AnswersOk()
    {
        var (cloud, claude) = (fx.Cloud.Requests.Count, fx.Claude.Requests.Count);

        for (var i = 0; i < Secrets.Count / SecretsPerRequest; i++)
        {
            var secrets = Secrets.Skip(i * SecretsPerRequest).Take(SecretsPerRequest).ToList();
            var messagesApi = i % 2 == 1;
            // Both cloud protocols, and pinned so that the request surely leaves the device: redacted.
            var model = i % 4 < 2 ? "cloud" : "claude";
            using var response = await fx.SendAsync(messagesApi, Body(messagesApi, secrets, model, stream: i % 3 == 0), ToolPrivacyFixture.AdminKey);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(model, ToolPrivacyFixture.Header(response, "x-locus-target"));
            Assert.True(int.Parse(ToolPrivacyFixture.Header(response, "x-locus-redacted"), System.Globalization.CultureInfo.InvariantCulture) >= SecretsPerRequest);
        }

        var sent = fx.Cloud.Requests.Skip(cloud).Concat(fx.Claude.Requests.Skip(claude)).ToList();
        Assert.Equal(Secrets.Count / SecretsPerRequest, sent.Count);
        AssertCarriesNone(sent, Secrets);
    }

    [Fact]
    public async Task LocalPolicy_FiftySecretsInToolFields_ServedAtHome_NothingReachesTheCloud()
    {
        var (cloud, claude, home) = (fx.Cloud.Requests.Count, fx.Claude.Requests.Count, fx.Home.Requests.Count);

        for (var i = 0; i < Secrets.Count / SecretsPerRequest; i++)
        {
            var secrets = Secrets.Skip(i * SecretsPerRequest).Take(SecretsPerRequest).ToList();
            var messagesApi = i % 2 == 0;
            using var response = await fx.SendAsync(messagesApi, Body(messagesApi, secrets, "auto", stream: i % 3 == 1), ToolPrivacyFixture.VaultKey);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal(("1", "home"), (ToolPrivacyFixture.Header(response, "x-locus-tier"), ToolPrivacyFixture.Header(response, "x-locus-target")));
            Assert.Contains("sensitivity", ToolPrivacyFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
        }

        Assert.Equal((cloud, claude), (fx.Cloud.Requests.Count, fx.Claude.Requests.Count));
        // Home, on the person's own devices, got the request as written.
        var atHome = string.Concat(fx.Home.Requests.Skip(home).Select(r => r.DecodedStrings));
        Assert.All(Secrets, s => Assert.Contains(s.Value, atHome, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlockPolicy_SecretInToolResultPinnedToCloud_RefusedAndNothingSent()
    {
        var (cloud, claude) = (fx.Cloud.Requests.Count, fx.Claude.Requests.Count);

        foreach (var messagesApi in new[] { false, true })
        {
            using var response = await fx.SendAsync(messagesApi, Body(messagesApi, [.. Secrets.Take(SecretsPerRequest)], "cloud", stream: false), ToolPrivacyFixture.GuardKey);

            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("policy blocks sending it to 'cloud'", body, StringComparison.Ordinal);
        }

        Assert.Equal((cloud, claude), (fx.Cloud.Requests.Count, fx.Claude.Requests.Count));
    }

    [Theory]
    [InlineData(false, false, "cloud")]
    [InlineData(false, true, "cloud")]
    [InlineData(true, false, "claude")]
    [InlineData(true, true, "claude")]
    [InlineData(false, true, "claude")]
    [InlineData(true, true, "cloud")]
    public async Task Redact_CloudCallsToolWithPlaceholders_ClientGetsOriginals(bool messagesApi, bool stream, string model)
    {
        var upstream = model == "cloud" ? fx.Cloud : fx.Claude;
        var before = upstream.Requests.Count;
        upstream.Behavior = upstream.Behavior with
        {
            ToolCall = new UpstreamToolCall("call_up", "send_mail", """{"to":"<EMAIL_1>","body":"pw <PASSWORD_1>","cc":["<EMAIL_1>"]}"""),
            ChunkChars = 5,
        };
        try
        {
            using var response = await fx.SendAsync(messagesApi, CredentialsBody(messagesApi, model, stream), ToolPrivacyFixture.AdminKey);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);

            using var arguments = JsonDocument.Parse(ToolArguments(body, messagesApi, stream));
            Assert.Equal(Email, arguments.RootElement.GetProperty("to").GetString());
            Assert.Equal("pw " + Password, arguments.RootElement.GetProperty("body").GetString());
            Assert.Equal(Email, arguments.RootElement.GetProperty("cc")[0].GetString());
        }
        finally
        {
            upstream.Behavior = upstream.Behavior with { ToolCall = null };
        }

        var sent = Assert.Single(upstream.Requests.Skip(before));
        Assert.Contains("<EMAIL_1>", DeepStrings(sent), StringComparison.Ordinal);
        Assert.Contains("<PASSWORD_1>", DeepStrings(sent), StringComparison.Ordinal);
        AssertCarriesNone([sent], [new PlantedSecret(Email, "Email", "email"), new PlantedSecret(Password, "Password", "password_assignment")]);
    }

    private static void AssertCarriesNone(IReadOnlyList<RecordedRequest> requests, IReadOnlyList<PlantedSecret> secrets)
    {
        foreach (var request in requests)
        {
            var decoded = DeepStrings(request);
            var headers = string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value));
            foreach (var secret in secrets)
            {
                Assert.True(request.BodyText.IndexOf(secret.Value, StringComparison.Ordinal) < 0, $"{secret.Detector} reached {request.Path} verbatim");
                Assert.True(decoded.IndexOf(secret.Value, StringComparison.Ordinal) < 0, $"{secret.Detector} reached {request.Path} (JSON-escaped)");
                Assert.True(headers.IndexOf(secret.Value, StringComparison.Ordinal) < 0, $"{secret.Detector} reached {request.Path} in a header");
            }
        }
    }

    /// <summary>
    /// Every string in the body, decoded, and inside those that are JSON themselves (OpenAI's tool-call arguments
    /// travel as JSON text, where escapes such as <c>\u003C</c> could hide a value from a plain search) every string again.
    /// </summary>
    private static string DeepStrings(RecordedRequest request)
    {
        var into = new StringBuilder();
        Collect(JsonDocument.Parse(request.Body).RootElement, into);
        return into.ToString();
    }

    private static void Collect(JsonElement element, StringBuilder into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                into.Append(text).Append('\n');
                if (text.TrimStart() is ['{' or '[', ..])
                {
                    try
                    {
                        using var inner = JsonDocument.Parse(text);
                        Collect(inner.RootElement, into);
                    }
                    catch (JsonException)
                    {
                        // Text that only looks like JSON: searched as it is above.
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    into.Append(property.Name).Append('\n');
                    Collect(property.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    /// <summary>
    /// A request with one secret in each place (in the sentence that gives it away): a tool described with it, a
    /// tool whose schema carries it (description, enum, default, examples, title or a property name, in turn), an
    /// earlier call whose nested arguments carry it, that call's result, and a stop sequence.
    /// </summary>
    private static string Body(bool messagesApi, List<PlantedSecret> secrets, string model, bool stream)
    {
        string Of(Place place) => secrets[(int)place].Context;
        var schemaSlot = secrets[(int)Place.Schema].Value.Length % 6;
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["query"] = schemaSlot switch
                {
                    0 => new JsonObject { ["type"] = "string", ["description"] = Of(Place.Schema) },
                    1 => new JsonObject { ["enum"] = new JsonArray("a", Of(Place.Schema)) },
                    2 => new JsonObject { ["type"] = "string", ["default"] = Of(Place.Schema) },
                    3 => new JsonObject { ["type"] = "string", ["examples"] = new JsonArray(Of(Place.Schema)) },
                    4 => new JsonObject { ["type"] = "string", ["title"] = Of(Place.Schema) },
                    _ => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [Of(Place.Schema)] = new JsonObject { ["type"] = "string" } } },
                },
            },
        };
        var arguments = new JsonObject { ["filter"] = new JsonObject { ["terms"] = new JsonArray("x", Of(Place.CallArguments)) } };
        var tools = new JsonArray(Tool(messagesApi, "lookup", Of(Place.ToolDescription), new JsonObject { ["type"] = "object" }), Tool(messagesApi, "search", "Searches the notes", schema));
        return Request(messagesApi, model, stream, tools, "lookup", arguments, Of(Place.ToolResult), Of(Place.StopSequence));
    }

    /// <summary>A conversation whose earlier call carries an email and whose tool result carries a password.</summary>
    private static string CredentialsBody(bool messagesApi, string model, bool stream)
    {
        var tools = new JsonArray(Tool(messagesApi, "send_mail", "Sends a mail", new JsonObject { ["type"] = "object" }));
        return Request(messagesApi, model, stream, tools, "lookup", new JsonObject { ["who"] = Email }, $"DB_PASSWORD={Password}", stop: null);
    }

    private static JsonObject Tool(bool messagesApi, string name, string description, JsonObject schema) => messagesApi
        ? new JsonObject { ["name"] = name, ["description"] = description, ["input_schema"] = schema }
        : new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["description"] = description, ["parameters"] = schema } };

    private static string Request(bool messagesApi, string model, bool stream, JsonArray tools, string called, JsonObject arguments, string result, string? stop)
    {
        JsonObject body;
        if (messagesApi)
        {
            body = new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = 64,
                ["stream"] = stream,
                ["tools"] = tools,
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "user", ["content"] = "Look it up, then do what the notes say." },
                    new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_1", ["name"] = called, ["input"] = arguments }) },
                    new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "toolu_1", ["content"] = result }) }),
            };
            if (stop is not null)
            {
                body["stop_sequences"] = new JsonArray(stop);
            }
        }
        else
        {
            body = new JsonObject
            {
                ["model"] = model,
                ["max_tokens"] = 64,
                ["stream"] = stream,
                ["tools"] = tools,
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "user", ["content"] = "Look it up, then do what the notes say." },
                    new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = null,
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "call_1",
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = called, ["arguments"] = arguments.ToJsonString() },
                        }),
                    },
                    new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = result }),
            };
            if (stop is not null)
            {
                body["stop"] = new JsonArray(stop);
            }
        }

        return body.ToJsonString();
    }

    /// <summary>The arguments JSON of the answer's first tool call, as the client assembles it from either API, streamed or not.</summary>
    private static string ToolArguments(string body, bool messagesApi, bool stream)
    {
        if (messagesApi && stream)
        {
            return string.Concat(AnthropicSse.Parse(body)
                .Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("delta").GetProperty("type").GetString() == "input_json_delta")
                .Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString()));
        }

        if (messagesApi)
        {
            using var message = JsonDocument.Parse(body);
            return message.RootElement.GetProperty("content").EnumerateArray().First(b => b.GetProperty("type").GetString() == "tool_use").GetProperty("input").GetRawText();
        }

        if (stream)
        {
            var text = new StringBuilder();
            foreach (var chunk in SseEvents.Json(SseEvents.Parse(body)))
            {
                var choices = chunk.GetProperty("choices");
                if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("tool_calls", out var calls))
                {
                    foreach (var call in calls.EnumerateArray().Where(c => c.GetProperty("index").GetInt32() == 0))
                    {
                        if (call.TryGetProperty("function", out var function) && function.TryGetProperty("arguments", out var piece))
                        {
                            text.Append(piece.GetString());
                        }
                    }
                }
            }

            return text.ToString();
        }

        using var completion = JsonDocument.Parse(body);
        return completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!;
    }
}

/// <summary>Locus from a YAML file, in front of a recording home server (on_device, the fast path) and two recording clouds.</summary>
public sealed class ToolPrivacyFixture : IAsyncLifetime
{
    public const string CloudKey = "sk-cloud-test-key-0123456789";
    public const string AdminKey = "admin-key";
    public const string VaultKey = "vault-key-1";
    public const string GuardKey = "guard-key-1";

    public UpstreamServer Home { get; private set; } = null!;

    public UpstreamServer Cloud { get; private set; } = null!;

    public UpstreamServer Claude { get; private set; } = null!;

    private LocusNode _node = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private string Dir { get; } = Directory.CreateTempSubdirectory("locus-toolprivacy-").FullName;

    public async Task InitializeAsync()
    {
        Home = await UpstreamServer.StartAsync();
        Cloud = await UpstreamServer.StartAsync(new UpstreamBehavior { RequiredApiKey = CloudKey });
        Claude = await UpstreamServer.StartAsync(new UpstreamBehavior { RequiredApiKey = CloudKey });
        var file = Path.Combine(Dir, "locus.yaml");
        File.WriteAllText(file, $"""
            targets:
              - name: home
                kind: openai
                base_url: {Home.BaseUrl}
                model: home-model
                on_device: true
              - name: cloud
                kind: openai
                base_url: {Cloud.BaseUrl}
                model: frontier-model
                api_key_env: CLOUD_KEY
                max_retries: 0
              - name: claude
                kind: anthropic
                base_url: {Claude.BaseUrl}
                model: claude-test
                api_key_env: CLOUD_KEY
                max_retries: 0
            routing:
              fast: home
              cloud: [cloud, claude]
              privacy: redact
              fallback_to_local: false
            clients:
              - name: vault
                api_key_env: VAULT_KEY
                privacy: local
              - name: guard
                api_key_env: GUARD_KEY
                privacy: block
            ledger:
              enabled: false
            """);
        _node = await LocusNode.StartAsync(new NodeSettings
        {
            Config = NodeConfigFiles.Read(file, new LocusOptions(), Environment),
            ConfigFile = file,
            Environment = Environment,
        });
        _app = LocusServer.Build(new ServerOptions { Port = 0, ApiKeys = [AdminKey] }, _node);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string? Environment(string name) => name switch
    {
        "CLOUD_KEY" => CloudKey,
        "VAULT_KEY" => VaultKey,
        "GUARD_KEY" => GuardKey,
        _ => null,
    };

    /// <summary>Posts <paramref name="json"/> to /v1/messages or /v1/chat/completions with <paramref name="key"/>; the caller disposes.</summary>
    public Task<HttpResponseMessage> SendAsync(bool messagesApi, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, messagesApi ? "/v1/messages" : "/v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (messagesApi)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return _http.SendAsync(request);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
        await Home.DisposeAsync();
        await Cloud.DisposeAsync();
        await Claude.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}
