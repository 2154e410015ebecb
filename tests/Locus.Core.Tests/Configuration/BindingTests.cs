using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

/// <summary>Every key reaches its option, from a file and from the environment.</summary>
public sealed class BindingTests : IDisposable
{
    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Load_FileSetsEveryKey_EveryOptionHasTheFileValue()
    {
        Directory.CreateDirectory(Path.Join(fixture.Root, "work", "native"));
        File.WriteAllText(Path.Join(fixture.Root, "work", "embed.gguf"), "");
        fixture.WriteLocal("""
            server:
              host: 0.0.0.0
              port: 8080
              api_keys: [k1, k2]
              max_request_body_bytes: 1024
            llama:
              native_dir: native
              threads: 6
              context_size: 4096
              batch_size: 256
              parallel: 3
              queue_limit: 7
              chat_template_fallback: chatml
              gpu_layers: 0
              embedding_model: embed.gguf
            models:
              directory: ~/models
              default:
                file_name: tiny.gguf
                url: http://mirror.example/tiny.gguf
                sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                size_bytes: 42
            """);

        var options = fixture.Load();

        Assert.Equal(
            new ServerOptions
            {
                Host = "0.0.0.0",
                Port = 8080,
                ApiKeys = options.Server.ApiKeys,
                MaxRequestBodyBytes = 1024,
                ResponsesStore = Path.Join(fixture.Home, ".local", "share", "locus", "responses.db"),
            },
            options.Server);
        Assert.Equal(["k1", "k2"], options.Server.ApiKeys);
        Assert.Equal(
            new LlamaOptions
            {
                NativeDir = Path.Join(fixture.WorkingDirectory, "native"),
                Threads = 6,
                ContextSize = 4096,
                BatchSize = 256,
                Parallel = 3,
                QueueLimit = 7,
                ChatTemplateFallback = "chatml",
                GpuLayers = 0,
                EmbeddingModel = Path.Join(fixture.WorkingDirectory, "embed.gguf"),
            },
            options.Llama);
        Assert.Equal(Path.Join(fixture.Home, "models"), options.Models.Directory);
        Assert.Equal(
            new DefaultModelOptions
            {
                FileName = "tiny.gguf",
                Url = new Uri("http://mirror.example/tiny.gguf"),
                Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                SizeBytes = 42,
            },
            options.Models.Default);
    }

    [Fact]
    public void Load_EnvironmentSetsEveryKey_EveryOptionHasTheEnvironmentValue()
    {
        var native = Directory.CreateDirectory(Path.Join(fixture.Root, "native")).FullName;
        var values = new Dictionary<string, string>
        {
            ["LOCUS_SERVER_HOST"] = "::",
            ["LOCUS_SERVER_PORT"] = "1234",
            ["LOCUS_API_KEYS"] = "secret-1",
            ["LOCUS_SERVER_MAX_REQUEST_BODY_BYTES"] = "2048",
            ["LOCUS_LLAMA_NATIVE_DIR"] = native,
            ["LOCUS_LLAMA_THREADS"] = "2",
            ["LOCUS_LLAMA_CONTEXT_SIZE"] = "1024",
            ["LOCUS_LLAMA_BATCH_SIZE"] = "128",
            ["LOCUS_LLAMA_PARALLEL"] = "2",
            ["LOCUS_LLAMA_QUEUE_LIMIT"] = "0",
            ["LOCUS_LLAMA_CHAT_TEMPLATE_FALLBACK"] = "llama3",
            ["LOCUS_LLAMA_GPU_LAYERS"] = "12",
            ["LOCUS_MODELS_DIRECTORY"] = "relative/models",
            ["LOCUS_MODELS_DEFAULT_FILE_NAME"] = "m.gguf",
            ["LOCUS_MODELS_DEFAULT_URL"] = "https://example.org/m.gguf",
            ["LOCUS_MODELS_DEFAULT_SHA256"] = new string('f', 64),
            ["LOCUS_MODELS_DEFAULT_SIZE_BYTES"] = "99",
        };
        foreach (var (name, value) in values)
        {
            fixture.Environment[name] = value;
        }

        var options = fixture.Load();

        Assert.Equal(("::", 1234, 2048L), (options.Server.Host, options.Server.Port, options.Server.MaxRequestBodyBytes));
        Assert.Equal(["secret-1"], options.Server.ApiKeys);
        Assert.Equal(
            new LlamaOptions
            {
                NativeDir = native,
                Threads = 2,
                ContextSize = 1024,
                BatchSize = 128,
                Parallel = 2,
                QueueLimit = 0,
                ChatTemplateFallback = "llama3",
                GpuLayers = 12,
            },
            options.Llama);
        Assert.Equal(Path.Join(fixture.WorkingDirectory, "relative", "models"), options.Models.Directory);
        Assert.Equal(
            new DefaultModelOptions
            {
                FileName = "m.gguf",
                Url = new Uri("https://example.org/m.gguf"),
                Sha256 = new string('f', 64),
                SizeBytes = 99,
            },
            options.Models.Default);
    }

    [Fact]
    public void ConfigKeys_EveryKey_HasItsOwnLocusEnvironmentVariable()
    {
        var names = ConfigKeys.All.Select(k => k.EnvironmentVariable).ToList();

        Assert.All(names, n => Assert.StartsWith("LOCUS_", n, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(23, names.Count);
    }

    [Fact]
    public void Load_ResponsesKeys_BindPathRetentionAndEmptyMeansMemory()
    {
        using var fixture = new ConfigFixture();
        fixture.Environment["LOCUS_SERVER_RESPONSES_STORE"] = "data/responses.db";
        fixture.Environment["LOCUS_SERVER_RESPONSES_RETENTION_DAYS"] = "7";

        var options = fixture.Load();
        fixture.Overrides["server.responses_store"] = "";
        var inMemory = fixture.Load();

        Assert.Equal(Path.Join(fixture.WorkingDirectory, "data", "responses.db"), options.Server.ResponsesStore);
        Assert.Equal(TimeSpan.FromDays(7), options.Server.ResponsesRetention);
        Assert.Null(inMemory.Server.ResponsesStore);
    }
}
