namespace Locus.Core.Tests.Configuration;

public sealed class YamlFileTests : IDisposable
{
    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Load_UnknownKeyInFile_NamesKeyFileAndLine()
    {
        var path = fixture.WriteLocal("""
            # Locus settings
            server:
              port: 8080

            llama:
              batch_size: 128
              threadz: 4
            """);

        var error = fixture.SingleError();

        Assert.Equal($"llama.threadz: unknown key; did you mean llama.threads? (in {path}, line 7)", error.ToString());
    }

    [Fact]
    public void Load_UnknownSection_IsReported()
    {
        fixture.WriteLocal("serve:\n  port: 1\n");

        var error = fixture.SingleError();

        Assert.Equal("serve", error.Key);
        Assert.StartsWith("unknown key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongTypeInFile_NamesKeyValueAndLine()
    {
        var path = fixture.WriteLocal("server:\n  port: abc\n");

        var error = fixture.SingleError();

        Assert.Equal($"server.port: expected an integer, got \"abc\" (in {path}, line 2)", error.ToString());
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsFileAndLine()
    {
        var path = fixture.WriteLocal("server:\n  port: 8080\n  host: [unclosed\nllama:\n  threads: 2\n");

        var error = fixture.SingleError();

        Assert.Null(error.Key);
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Matches($"^in {System.Text.RegularExpressions.Regex.Escape(path)}, line [3-5], column \\d+$", error.Source!);
    }

    [Fact]
    public void Load_DuplicateKey_IsReported()
    {
        fixture.WriteLocal("server:\n  port: 1\n  port: 2\n");

        var error = fixture.SingleError();

        Assert.Contains("line 3", error.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxErrorAndEnvironmentProblem_ReportsBoth()
    {
        fixture.WriteLocal("server: [\n");
        fixture.Environment["LOCUS_LLAMA_THREADS"] = "many";

        var errors = fixture.LoadFails().Errors;

        Assert.Equal([null, "llama.threads"], errors.Select(e => e.Key));
    }

    [Fact]
    public void Load_CommentOnlyFile_UsesDefaults()
    {
        fixture.WriteLocal("# nothing yet\n");

        Assert.Equal(Locus.Core.Configuration.ServerOptions.DefaultPort, fixture.Load().Server.Port);
    }

    [Fact]
    public void Load_TopLevelList_IsReported()
    {
        fixture.WriteLocal("- server\n- llama\n");

        var error = fixture.SingleError();

        Assert.Contains("top level must be a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NullForOptionalKey_ClearsIt()
    {
        fixture.Environment["LOCUS_LLAMA_CHAT_TEMPLATE_FALLBACK"] = "chatml";
        fixture.ConfigPath = fixture.Write("c.yaml", "llama:\n  native_dir: ~\n");

        var llama = fixture.Load().Llama;

        Assert.Null(llama.NativeDir);
        Assert.Equal("chatml", llama.ChatTemplateFallback);
    }

    [Fact]
    public void Load_NullForRequiredKey_IsReported()
    {
        fixture.WriteLocal("server:\n  port:\n");

        var error = fixture.SingleError();

        Assert.Equal("server.port", error.Key);
        Assert.Equal("expected an integer, got an empty value", error.Message);
    }
}
