using System.Net;
using System.Text;
using Locus.Core.Configuration;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

public sealed class OllamaTripwireFixture : IAsyncLifetime
{
    internal TripwireCatalog Catalog { get; } = new();

    internal RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(
        Catalog, new ServerOptions { Host = "127.0.0.1", Port = 0, MaxRequestBodyBytes = OllamaMalformedRequestTests.MaxBodyBytes });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Bad Ollama requests: each a 4xx in Ollama's <c>{"error":"..."}</c> shape, none reaching the model.</summary>
public sealed class OllamaMalformedRequestTests(OllamaTripwireFixture fixture) : IClassFixture<OllamaTripwireFixture>
{
    public const int MaxBodyBytes = 16 * 1024;

    private const string ChatPath = "/api/chat";
    private const string GeneratePath = "/api/generate";
    private const string EmbedPath = "/api/embed";

    public static TheoryData<string, string, byte[], int, string> All => new()
    {
        // Body and encoding.
        { "empty body", ChatPath, [], 400, "empty" },
        { "truncated JSON", ChatPath, U("{\"model\":"), 400, "could not parse" },
        { "invalid UTF-8", ChatPath, [.. U("{\"model\":\""), 0xC3, 0x28, .. U("\"}")], 400, "UTF-8" },
        { "lone surrogate escape", ChatPath, U(Chat("\"\\uD800 hi\"")), 400, "not valid Unicode" },
        { "root is an array", ChatPath, U("[]"), 400, "JSON object" },
        { "duplicate key", ChatPath, U("{\"model\":\"test-model\",\"model\":\"x\"}"), 400, "each property once" },
        { "body over the limit", ChatPath, U(Chat($"\"{new string('x', MaxBodyBytes)}\"")), 413, "larger than" },

        // model
        { "model missing", ChatPath, U("{\"messages\":[]}"), 400, "'model'" },
        { "model a number", ChatPath, U("{\"model\":3}"), 400, "'model'" },
        { "model unknown", ChatPath, U("{\"model\":\"llama3.2\",\"messages\":[]}"), 404, "model 'llama3.2' not found" },
        { "model other tag", ChatPath, U("{\"model\":\"test-model:7b\",\"messages\":[]}"), 404, "model 'test-model:7b' not found" },

        // messages
        { "messages an object", ChatPath, U("{\"model\":\"test-model\",\"messages\":{}}"), 400, "'messages'" },
        { "message a string", ChatPath, U("{\"model\":\"test-model\",\"messages\":[\"hi\"]}"), 400, "'messages[0]'" },
        { "role unknown", ChatPath, U(Messages("[{\"role\":\"wizard\",\"content\":\"hi\"}]")), 400, "'messages[0].role'" },
        { "role missing", ChatPath, U(Messages("[{\"content\":\"hi\"}]")), 400, "'messages[0].role'" },
        { "content a number", ChatPath, U(Messages("[{\"role\":\"user\",\"content\":5}]")), 400, "'messages[0].content'" },
        { "content an array", ChatPath, U(Messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]")), 400, "'messages[0].content'" },
        { "images given", ChatPath, U(Messages("[{\"role\":\"user\",\"content\":\"hi\",\"images\":[\"iVBORw0KGgo=\"]}]")), 400, "'messages[0].images'" },
        { "images a string", ChatPath, U(Messages("[{\"role\":\"user\",\"content\":\"hi\",\"images\":\"x\"}]")), 400, "'messages[0].images'" },
        { "tool_calls on a user", ChatPath, U(Messages("[{\"role\":\"user\",\"content\":\"\",\"tool_calls\":[]}]")), 400, "'tool_calls'" },
        { "tool call arguments a string", ChatPath, U(Messages("[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]")), 400, "arguments" },
        { "tool call without function", ChatPath, U(Messages("[{\"role\":\"assistant\",\"tool_calls\":[{}]}]")), 400, "function" },
        { "tool result answering nothing", ChatPath, U(Messages("[{\"role\":\"tool\",\"content\":\"11\",\"tool_name\":\"f\"}]")), 400, "'messages[0]'" },
        { "tools an object", ChatPath, U("{\"model\":\"test-model\",\"messages\":[],\"tools\":{}}"), 400, "'tools'" },
        { "tool without name", ChatPath, U("{\"model\":\"test-model\",\"messages\":[],\"tools\":[{\"type\":\"function\",\"function\":{}}]}"), 400, "name" },

        // options and the rest
        { "options an array", ChatPath, U(Messages("[]", ",\"options\":[]")), 400, "'options'" },
        { "option unknown", ChatPath, U(Messages("[]", ",\"options\":{\"temprature\":0.5}")), 400, "options.temprature" },
        { "temperature a string", ChatPath, U(Messages("[]", ",\"options\":{\"temperature\":\"hot\"}")), 400, "'temperature'" },
        { "temperature negative", ChatPath, U(Messages("[]", ",\"options\":{\"temperature\":-1}")), 400, "'temperature'" },
        { "num_predict zero", ChatPath, U(Messages("[]", ",\"options\":{\"num_predict\":0}")), 400, "'num_predict'" },
        { "num_ctx a string", ChatPath, U(Messages("[]", ",\"options\":{\"num_ctx\":\"4k\"}")), 400, "'num_ctx'" },
        { "use_mmap a number", ChatPath, U(Messages("[]", ",\"options\":{\"use_mmap\":1}")), 400, "'use_mmap'" },
        { "top_k fractional", ChatPath, U(Messages("[]", ",\"options\":{\"top_k\":1.5}")), 400, "'top_k'" },
        { "stop a number", ChatPath, U(Messages("[]", ",\"options\":{\"stop\":5}")), 400, "'stop'" },
        { "stop entry empty", ChatPath, U(Messages("[]", ",\"options\":{\"stop\":[\"\"]}")), 400, "'stop[0]'" },
        { "seed a string", ChatPath, U(Messages("[]", ",\"options\":{\"seed\":\"42\"}")), 400, "'seed'" },
        { "format unknown", ChatPath, U(Messages("[]", ",\"format\":\"xml\"")), 400, "'format'" },
        { "format a number", ChatPath, U(Messages("[]", ",\"format\":1")), 400, "'format'" },
        { "stream a string", ChatPath, U(Messages("[]", ",\"stream\":\"no\"")), 400, "'stream'" },
        { "keep_alive garbage", ChatPath, U(Messages("[]", ",\"keep_alive\":\"soon\"")), 400, "'keep_alive'" },
        { "keep_alive an object", ChatPath, U(Messages("[]", ",\"keep_alive\":{}")), 400, "'keep_alive'" },
        { "think unknown level", ChatPath, U(Messages("[]", ",\"think\":\"deep\"")), 400, "'think'" },
        { "logprobs asked", ChatPath, U(Messages("[]", ",\"logprobs\":true")), 400, "'logprobs'" },

        // /api/generate
        { "generate: prompt a number", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":1}"), 400, "'prompt'" },
        { "generate: suffix", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"def f(\",\"suffix\":\"return x\"}"), 400, "'suffix'" },
        { "generate: template", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"template\":\"{{ .Prompt }}\"}"), 400, "'template'" },
        { "generate: context given", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"context\":[1,2,3]}"), 400, "'context'" },
        { "generate: images", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"images\":[\"aGk=\"]}"), 400, "'images'" },
        { "generate: raw with system", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"raw\":true,\"system\":\"s\"}"), 400, "'system'" },
        { "generate: raw with format", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"raw\":true,\"format\":\"json\"}"), 400, "'format'" },
        { "generate: raw a string", GeneratePath, U("{\"model\":\"test-model\",\"prompt\":\"a\",\"raw\":\"yes\"}"), 400, "'raw'" },
        { "generate: unknown model", GeneratePath, U("{\"model\":\"nope:latest\",\"prompt\":\"a\"}"), 404, "model 'nope:latest' not found" },

        // /api/embed, /api/show
        { "embed: input a number", EmbedPath, U("{\"model\":\"test-model\",\"input\":3}"), 400, "'input'" },
        { "embed: input entry a number", EmbedPath, U("{\"model\":\"test-model\",\"input\":[\"a\",2]}"), 400, "'input[1]'" },
        { "embed: input empty string", EmbedPath, U("{\"model\":\"test-model\",\"input\":\"\"}"), 400, "'input'" },
        { "embed: too many inputs", EmbedPath, U("{\"model\":\"test-model\",\"input\":[" + string.Join(",", Enumerable.Repeat("\"a\"", 2049)) + "]}"), 400, "at most" },
        { "embed: dimensions zero", EmbedPath, U("{\"model\":\"test-model\",\"input\":\"a\",\"dimensions\":0}"), 400, "'dimensions'" },
        { "embed: truncate a string", EmbedPath, U("{\"model\":\"test-model\",\"input\":\"a\",\"truncate\":\"no\"}"), 400, "'truncate'" },
        { "embed: unknown model", EmbedPath, U("{\"model\":\"nope\",\"input\":\"a\"}"), 404, "model 'nope' not found" },
        { "embeddings: prompt a list", "/api/embeddings", U("{\"model\":\"test-model\",\"prompt\":[\"a\"]}"), 400, "'prompt'" },
        { "show: model missing", "/api/show", U("{}"), 400, "'model'" },
        { "show: unknown model", "/api/show", U("{\"model\":\"nope\"}"), 404, "model 'nope' not found" },
        { "unknown /api path", "/api/pull", U("{\"model\":\"x\"}"), 404, "Invalid URL" },
    };

    [Theory]
    [MemberData(nameof(All))]
    public async Task Request_Malformed_GetsOllamaErrorAndServerStaysUp(string name, string path, byte[] body, int status, string message)
    {
        var reachedBefore = fixture.Catalog.Reached;
        using var request = Requests.Create(HttpMethod.Post, path, body, "application/json");
        using var response = await fixture.Server.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Contains(message, OllamaWire.AssertError(text), StringComparison.Ordinal);
        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
        using var health = await fixture.Server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task WrongMethod_Gets405InOllamaShape()
    {
        using var response = await fixture.Server.Http.GetAsync(ChatPath);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        OllamaWire.AssertError(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Table_HasAtLeastTwentyDistinctCases()
    {
        var names = All.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static string Chat(string content) => "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":" + content + "}]}";

    private static string Messages(string messages, string extra = "") => "{\"model\":\"test-model\",\"messages\":" + messages + extra + "}";
}
