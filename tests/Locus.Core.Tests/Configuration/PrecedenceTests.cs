using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

public sealed class PrecedenceTests : IDisposable
{
    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Load_NoSources_ReturnsDefaults()
    {
        var options = fixture.Load();

        Assert.Equal("127.0.0.1", options.Server.Host);
        Assert.Equal(ServerOptions.DefaultPort, options.Server.Port);
        Assert.Empty(options.Server.ApiKeys);
        Assert.Equal(512, options.Llama.BatchSize);
        Assert.Equal(Path.Join(fixture.Home, ".cache", "locus", "models"), options.Models.Directory);
        Assert.Equal(new DefaultModelOptions(), options.Models.Default);
    }

    [Fact]
    public void Load_FileSetsPort_FileWinsOverDefault()
    {
        fixture.WriteLocal("server:\n  port: 9000\n");

        Assert.Equal(9000, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_EnvironmentAndFileSetPort_EnvironmentWins()
    {
        fixture.WriteLocal("server:\n  port: 9000\n");
        fixture.Environment["LOCUS_SERVER_PORT"] = "9001";

        Assert.Equal(9001, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_OverrideEnvironmentAndFileSetPort_OverrideWins()
    {
        fixture.WriteLocal("server:\n  port: 9000\n");
        fixture.Environment["LOCUS_SERVER_PORT"] = "9001";
        fixture.Overrides["server.port"] = "8081";

        Assert.Equal(8081, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_LayersSetDifferentKeys_EachKeyKeepsItsOwnSource()
    {
        fixture.WriteLocal("llama:\n  threads: 3\n  parallel: 2\n");
        fixture.Environment["LOCUS_LLAMA_PARALLEL"] = "4";
        fixture.Overrides["llama.batch_size"] = "64";

        var llama = fixture.Load().Llama;

        Assert.Equal((3, 4, 64), (llama.Threads, llama.Parallel, llama.BatchSize));
    }

    [Fact]
    public void Load_ApiKeysInEnvironment_SplitOnCommasAndTrimmed()
    {
        fixture.Environment["LOCUS_API_KEYS"] = " alpha, beta ,,gamma";

        Assert.Equal(["alpha", "beta", "gamma"], fixture.Load().Server.ApiKeys);
    }

    [Fact]
    public void Load_EmptyEnvironmentVariable_CountsAsUnset()
    {
        fixture.WriteLocal("server:\n  port: 9000\n");
        fixture.Environment["LOCUS_SERVER_PORT"] = "";

        Assert.Equal(9000, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_EmptyOverrideOfOptionalKey_ClearsFileValue()
    {
        fixture.WriteLocal("llama:\n  chat_template_fallback: chatml\n");
        fixture.Overrides["llama.chat_template_fallback"] = "";

        Assert.Null(fixture.Load().Llama.ChatTemplateFallback);
    }

    [Fact]
    public void Load_UrlAndDigestChangedWithoutSize_SizeBecomesUnknown()
    {
        fixture.Overrides["models.default.url"] = "https://example.com/other.gguf";
        fixture.Overrides["models.default.sha256"] = new string('A', 64);

        var model = fixture.Load().Models.Default;

        Assert.Null(model.SizeBytes);
        Assert.Equal(new string('a', 64), model.Sha256);
        Assert.Equal(new Uri("https://example.com/other.gguf"), model.Url);
    }
}
