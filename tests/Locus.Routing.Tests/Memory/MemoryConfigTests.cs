using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Routing.Tests.Memory;

/// <summary><c>memory:</c> and <c>clients[].memory</c>: read, defaulted, and every mistake reported with its key path.</summary>
public sealed class MemoryConfigTests : IDisposable
{
    private const string Targets = """
        targets:
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier-model

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("locus-memory-cfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) => ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"));

    [Fact]
    public void Parse_FullSection_ReadsEveryKey()
    {
        var config = Parse(Targets + "memory:\n  inject: on_request\n  documents: [notes, profile]\n  max_tokens: 800\n" +
            "clients:\n  - name: kid\n    memory: never\n");
        Assert.Equal(MemoryInjectMode.OnRequest, config.Memory.Inject);
        Assert.Equal(["notes", "profile"], config.Memory.Documents);
        Assert.Equal(800, config.Memory.MaxTokens);
        Assert.Equal(MemoryInjectMode.Never, config.Clients.Single().Memory);
    }

    [Fact]
    public void Parse_NoSection_NeverInjectsAllowsAll2000Tokens()
    {
        var config = Parse(Targets);
        Assert.Equal((MemoryInjectMode.Never, "*", 2000), (config.Memory.Inject, string.Join(",", config.Memory.Documents), config.Memory.MaxTokens));
    }

    [Theory]
    [InlineData("memory:\n  inject: sometimes\n", "memory.inject", "never, always, on_request")]
    [InlineData("memory:\n  max_tokens: 0\n", "memory.max_tokens", "expected a number")]
    [InlineData("memory:\n  documents: [notes, '']\n", "memory.documents", "may not be empty")]
    [InlineData("memory:\n  injekt: always\n", "memory.injekt", "did you mean inject")]
    [InlineData("clients:\n  - name: kid\n    memory: maybe\n", "clients[0].memory", "never, always, on_request")]
    public void Parse_InvalidMemory_NamesKeyAndProblem(string yaml, string key, string message)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Parse(Targets + yaml)).Errors;

        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("locus.yaml", error.Source, StringComparison.Ordinal);
    }
}
