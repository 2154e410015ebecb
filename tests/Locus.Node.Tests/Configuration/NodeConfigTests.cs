using Locus.Core.Configuration;
using Locus.Hardware.Devices;
using Locus.Ledger.Configuration;
using Locus.Mesh.Configuration;
using Locus.Node.Configuration;
using Locus.Routing.Options;

namespace Locus.Node.Tests.Configuration;

/// <summary>The node's whole config: one parse, every section bound by its owner, all problems reported together.</summary>
public sealed class NodeConfigTests : IDisposable
{
    private const string EverySection = """
        server:
          port: 1234
        targets:
          - name: local
            kind: llama
            model: small.gguf
        routing:
          privacy: local
        clients:
          - name: alice
            daily_budget_usd: 1
        memory:
          inject: always
        ledger:
          path: usage.db
        mesh:
          name: laptop
          listen: 127.0.0.1:0
        devices:
          - id: box
            memory_gib: 8
            bandwidth_gbs: 100
            tflops: 1
        """;

    private readonly ConfigFolder _folder = new();

    public NodeConfigTests() => _folder.Write("x", "small.gguf");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_EverySection_BoundByItsOwner()
    {
        var file = _folder.Write(EverySection);

        var config = NodeConfig.Load(_folder.Sources(file));

        Assert.Equal(file, config.File);
        Assert.Equal(1234, config.Options.Server.Port);
        Assert.Equal(Path.Join(_folder.Root, "small.gguf"), Assert.Single(config.Routing.Targets).Model);
        Assert.Equal(PrivacyAction.Local, config.Routing.Routing.Privacy);
        Assert.Equal("alice", Assert.Single(config.Routing.Clients).Name);
        Assert.Equal(MemoryInjectMode.Always, config.Routing.Memory.Inject);
        Assert.Equal(Path.Join(_folder.Root, "usage.db"), config.Ledger.Path);
        Assert.Equal(("laptop", 0), (config.Mesh.Name, config.Mesh.ListenPort));
        Assert.Equal("box", Assert.Single(config.Devices.Profiles).Id);
    }

    [Fact]
    public void Open_FileParsedOnce_EverySectionBindsFromTheSameDocument()
    {
        var file = _folder.Write(EverySection);
        var document = NodeConfig.Schema.Open(_folder.Sources(file));

        // Gone before any section is bound: a section that read the file itself would find nothing.
        File.Delete(file);
        var options = document.Bind(LocusOptions.Section);
        var routing = document.Bind(RouterConfig.Section);
        var ledger = document.Bind(LedgerSettings.Section);
        var mesh = document.Bind(MeshSettings.Section);
        var devices = document.Bind(DeviceSettings.Section);

        Assert.Empty(document.Errors);
        Assert.Equal(1234, options.Server.Port);
        Assert.Single(routing.Targets);
        Assert.Equal(Path.Join(_folder.Root, "usage.db"), ledger.Path);
        Assert.True(mesh.Enabled);
        Assert.Single(devices.Profiles);
    }

    [Fact]
    public void Schema_RegistersEveryOwnersKeys()
    {
        Assert.Superset(
            new HashSet<string> { "server", "llama", "models", "targets", "routing", "clients", "memory", "ledger", "mesh", "devices" },
            NodeConfig.Schema.Keys.ToHashSet());
    }

    [Theory]
    [InlineData("serve", "server")]
    [InlineData("targetz", "targets")]
    [InlineData("routng", "routing")]
    [InlineData("client", "clients")]
    [InlineData("memry", "memory")]
    [InlineData("ledgr", "ledger")]
    [InlineData("meshh", "mesh")]
    [InlineData("devics", "devices")]
    public void Load_UnknownTopLevelKey_ReportedOnceWithTheClosestSection(string key, string suggestion)
    {
        var file = _folder.Write($"server:\n  port: 1\n{key}:\n");

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => NodeConfig.Load(_folder.Sources(file))).Errors);

        Assert.Equal($"{key}: unknown key; did you mean {suggestion}? (in {file}, line 3)", error.ToString());
    }

    [Fact]
    public void Load_UnknownTopLevelKeyFarFromAnySection_HasNoSuggestion()
    {
        var file = _folder.Write("telemetry: on\n");

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => NodeConfig.Load(_folder.Sources(file))).Errors);

        Assert.Equal($"telemetry: unknown key (in {file}, line 1)", error.ToString());
    }

    [Theory]
    [InlineData("devices:\n  - id: lab-box\n    memory_gib: lots\n    bandwidth_gbs: 250\n    tflops: 20\n",
        "devices[0].memory_gib: expected a number from 0.125 to 1048576, got \"lots\"", 3)]
    [InlineData("mesh:\n  listen: 127.0.0.1:0\n  sync_interval_ms: 5\n", "mesh.sync_interval_ms: must be at least 100", 3)]
    [InlineData("ledger:\n  path: usage.db\n  store_prompts: maybe\n", "ledger.store_prompts: expected true or false, got \"maybe\"", 3)]
    [InlineData("targets:\n  - name: c\n    kind: openai\n    modle: m\n", "targets[0].modle: unknown key; did you mean model?", 4)]
    public void Load_ProblemInAFeatureSection_NamesKeyFileAndLine(string yaml, string expected, int line)
    {
        var file = _folder.Write(yaml);

        var errors = Assert.Throws<ConfigurationException>(() => NodeConfig.Load(_folder.Sources(file))).Errors;

        Assert.Contains($"{expected} (in {file}, line {line})", errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_ProblemsInSeveralSections_ReportedTogether()
    {
        var file = _folder.Write("""
            server:
              port: abc
            targets:
              - name: cloud
                kind: openai
                model: m
            ledger:
              store_prompts: maybe
            mesh:
              sync_interval_ms: 5
            devices:
              - id: box
                memory_gib: lots
                bandwidth_gbs: 100
                tflops: 1
            routng: {}
            """);
        _folder.Environment["LOCUS_LLAMA_THREADS"] = "many";

        var exception = Assert.Throws<ConfigurationException>(() => NodeConfig.Load(_folder.Sources(file)));

        Assert.Equal(
            ["routng", "server.port", "llama.threads", "targets[0].base_url", "ledger.store_prompts", "mesh.sync_interval_ms", "devices[0].memory_gib"],
            exception.Errors.Select(e => e.Key));
        Assert.Contains("7 problems", exception.Message, StringComparison.Ordinal);
        Assert.Contains("llama.threads: expected an integer, got \"many\" (from environment variable LOCUS_LLAMA_THREADS)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOneSection_OtherSectionsNotBound()
    {
        var file = _folder.Write("targets:\n  - name: c\n    kind: openai\n    model: m\ndevices:\n  - id: box\n    memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n");

        var devices = NodeConfig.Load(_folder.Sources(file), DeviceSettings.Section);

        Assert.Equal("box", Assert.Single(devices.Profiles).Id);
    }

    [Fact]
    public void LoadOneSection_TopLevelStillCheckedAgainstEverySection()
    {
        var file = _folder.Write("devices: []\nmesh: {}\nroutng: {}\n");

        var error = Assert.Single(Assert.Throws<ConfigurationException>(() => NodeConfig.Load(_folder.Sources(file), DeviceSettings.Section)).Errors);

        Assert.Equal($"routng: unknown key; did you mean routing? (in {file}, line 3)", error.ToString());
    }

    [Fact]
    public void Load_NoFile_DefaultsWithTheLedgerAtItsDefaultPath()
    {
        var config = NodeConfig.Load(new ConfigurationSources { WorkingDirectory = _folder.Root, HomeDirectory = _folder.Home });

        Assert.Null(config.File);
        Assert.Empty(config.Routing.Targets);
        Assert.False(config.Mesh.Enabled);
        Assert.Empty(config.Devices.Profiles);
        Assert.Equal(Path.Join(_folder.Home, ".local", "share", "locus", "usage.db"), config.Ledger.Path);
    }
}
