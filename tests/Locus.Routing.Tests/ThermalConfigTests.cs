using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Routing.Tests;

/// <summary><c>routing.thermal</c>: read, defaulted, and mistakes reported with their key path.</summary>
public sealed class ThermalConfigTests : IDisposable
{
    private const string Targets = """
        targets:
          - name: local
            kind: llama
            model: small.gguf

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("locus-thermal-cfg-").FullName;

    public ThermalConfigTests() => File.WriteAllText(Path.Combine(_dir, "small.gguf"), "x");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) => ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"));

    [Fact]
    public void Parse_FullThermal_ReadsEveryKey()
    {
        var thermal = Parse(Targets + "routing:\n  thermal: { source: simulation, envelope: fanless-laptop, device: apple-m2, min_tokens_per_s: 12.5 }\n").Routing.Thermal;

        Assert.Equal(new ThermalOptions { Source = ThermalSource.Simulation, Envelope = "fanless-laptop", Device = "apple-m2", MinTokensPerSecond = 12.5 }, thermal);
    }

    [Fact]
    public void Parse_NoThermal_IsNull() => Assert.Null(Parse(Targets).Routing.Thermal);

    [Theory]
    [InlineData("routing:\n  thermal: { source: fans }\n", "routing.thermal.source", "auto, sensors, simulation, off")]
    [InlineData("routing:\n  thermal: { min_tokens_per_s: -1 }\n", "routing.thermal.min_tokens_per_s", "")]
    [InlineData("routing:\n  thermal: { envelop: desktop-gpu }\n", "routing.thermal.envelop", "envelope")]
    public void Parse_InvalidThermal_NamesKeyAndProblem(string routing, string key, string message)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Parse(Targets + routing)).Errors;

        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
