using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

public sealed class ValidationTests : IDisposable
{
    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "server.port", "70000", "must be between 0 and 65535, got 70000" },
        { "server.port", "abc", "expected an integer, got \"abc\"" },
        { "server.port", "80.5", "expected an integer, got \"80.5\"" },
        { "server.host", "http://0.0.0.0", "must be an IP address, localhost or * (all addresses), got \"http://0.0.0.0\"" },
        { "server.host", "my-host.lan", "must be an IP address, localhost or *" },
        { "server.max_request_body_bytes", "0", "must be at least 1, got 0" },
        { "llama.native_dir", "/no/such/locus/dir", "folder /no/such/locus/dir does not exist" },
        { "llama.threads", "-1", "must be at least 0, got -1" },
        { "llama.context_size", "-5", "must be at least 0, got -5" },
        { "llama.batch_size", "0", "must be at least 1, got 0" },
        { "llama.parallel", "0", "must be between 1 and 64, got 0" },
        { "llama.queue_limit", "-1", "must be at least 0, got -1" },
        { "llama.gpu_layers", "-2", "must be at least -1, got -2" },
        { "llama.embedding_model", "/no/such/locus/embed.gguf", "file /no/such/locus/embed.gguf does not exist" },
        { "models.directory", "", "expected a folder path, got an empty value" },
        { "models.default.file_name", "../evil.gguf", "must be a plain file name without folders" },
        { "models.default.sha256", "abc123", "must be 64 hexadecimal characters" },
        { "models.default.sha256", new string('g', 64), "must be 64 hexadecimal characters" },
        { "models.default.url", "ftp://example.com/m.gguf", "must be an absolute http:// or https:// URL" },
        { "models.default.url", "not a url", "must be an absolute http:// or https:// URL" },
        { "models.default.size_bytes", "-5", "must be at least 1, got -5" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Load_BadOverride_ErrorNamesKeyAndSource(string key, string value, string message)
    {
        fixture.Overrides[key] = value;
        if (key == "models.default.url")
        {
            fixture.Overrides["models.default.sha256"] = new string('a', 64);
        }

        var error = fixture.SingleError();

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal($"from command-line override {key}", error.Source);
    }

    [Fact]
    public void Load_PortOutOfRangeInEnvironment_ReadsAsDocumented()
    {
        fixture.Environment["LOCUS_SERVER_PORT"] = "70000";

        var error = fixture.SingleError();

        Assert.Equal(
            "server.port: must be between 0 and 65535, got 70000 (from environment variable LOCUS_SERVER_PORT)",
            error.ToString());
    }

    [Fact]
    public void Load_ProblemsInEverySource_ReportsAllAtOnce()
    {
        fixture.WriteLocal("llama:\n  threadz: 4\n");
        fixture.Environment["LOCUS_SERVER_PORT"] = "-1";
        fixture.Overrides["llama.parallel"] = "0";

        var exception = fixture.LoadFails();

        Assert.Equal(["llama.threadz", "server.port", "llama.parallel"], exception.Errors.Select(e => e.Key));
        Assert.Contains("3 problems", exception.Message, StringComparison.Ordinal);
        Assert.All(exception.Errors, e => Assert.Contains(e.ToString(), exception.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    [InlineData("*")]
    public void Load_NonLoopbackHostWithoutApiKeys_RequiresApiKey(string host)
    {
        fixture.Environment["LOCUS_SERVER_HOST"] = host;

        var error = fixture.SingleError();

        Assert.Equal("server.api_keys", error.Key);
        Assert.Equal(
            $"listening on {host} requires at least one API key (set server.api_keys or LOCUS_API_KEYS)", error.Message);
        Assert.Equal("server.host is set from environment variable LOCUS_SERVER_HOST", error.Source);
    }

    [Fact]
    public void Load_NonLoopbackHostWithApiKey_Loads()
    {
        fixture.Overrides["server.host"] = "0.0.0.0";
        fixture.Environment["LOCUS_API_KEYS"] = "k";

        Assert.Equal("0.0.0.0", fixture.Load().Server.Host);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("127.0.0.2")]
    public void Load_LoopbackHostWithoutApiKeys_Loads(string host)
    {
        fixture.Overrides["server.host"] = host;

        Assert.Equal(host, fixture.Load().Server.Host);
    }

    [Fact]
    public void Load_UrlChangedWithoutDigest_RequiresDigest()
    {
        fixture.Overrides["models.default.url"] = "https://example.com/other.gguf";

        var error = fixture.SingleError();

        Assert.Equal("models.default.sha256", error.Key);
        Assert.Equal("models.default.url is set from command-line override models.default.url", error.Source);
    }

    [Fact]
    public void Load_UnknownOverrideKey_ErrorSuggestsClosestKey()
    {
        fixture.Overrides["server.prot"] = "1";

        var error = fixture.SingleError();

        Assert.Equal("server.prot", error.Key);
        Assert.Equal("unknown key; did you mean server.port?", error.Message);
    }

    public static TheoryData<string> AllKeys => [.. ConfigKeys.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Load_MappingWhereValueBelongs_ErrorNamesThatKey(string key)
    {
        var parts = key.Split('.');
        var yaml = string.Concat(parts.Select((part, depth) => new string(' ', depth * 2) + part + ":\n"))
            + new string(' ', parts.Length * 2) + "nested: 1\n";
        fixture.WriteLocal(yaml);

        var error = fixture.SingleError();

        Assert.Equal(key, error.Key);
        Assert.Contains("got a mapping", error.Message, StringComparison.Ordinal);
        Assert.Equal($"in {Path.Join(fixture.WorkingDirectory, "locus.yaml")}, line {parts.Length}", error.Source);
    }
}
