using Locus.Core.Configuration;
using Locus.Mesh.Configuration;

namespace Locus.Mesh.Tests.Configuration;

/// <summary>The <c>mesh:</c> section: read, defaulted, and mistakes reported with their key path.</summary>
public sealed class MeshConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-mesh-cfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MeshSettings Parse(string yaml) => ConfigText.Bind(MeshSettings.Section, yaml, Path.Combine(_dir, "locus.yaml"));

    [Fact]
    public void Parse_FullMesh_ReadsEveryKey()
    {
        var mesh = Parse("""
            mesh:
              name: laptop
              data_dir: state
              listen: 127.0.0.1:0
              advertise: http://laptop.lan:11481
              peers: [http://192.168.1.10:11481]
              sync_interval_ms: 250
              full_sync: true
            """);

        Assert.True(mesh.Enabled);
        Assert.Equal("laptop", mesh.Name);
        Assert.Equal(Path.Combine(_dir, "state"), mesh.DataDirectory);
        Assert.Equal(("127.0.0.1", 0), (mesh.ListenHost, mesh.ListenPort));
        Assert.Equal(new Uri("http://laptop.lan:11481"), mesh.Advertise);
        Assert.Equal([new Uri("http://192.168.1.10:11481")], mesh.Peers);
        Assert.Equal(TimeSpan.FromMilliseconds(250), mesh.SyncInterval);
        Assert.True(mesh.FullSync);
    }

    [Fact]
    public void Parse_NoMesh_Disabled() => Assert.False(Parse("ledger:\n  enabled: false\n").Enabled);

    [Fact]
    public void Parse_EmptyMesh_EnabledWithDefaults()
    {
        var mesh = Parse("mesh: {}\n");

        Assert.True(mesh.Enabled);
        Assert.Equal(MeshSettings.DefaultPort, mesh.ListenPort);
        Assert.Empty(mesh.Peers);
    }

    [Theory]
    [InlineData("mesh: { listen: laptop }\n", "mesh.listen", "host:port")]
    [InlineData("mesh: { peers: [ftp://x:1] }\n", "mesh.peers[0]", "mesh address")]
    [InlineData("mesh: { advertise: not-a-url }\n", "mesh.advertise", "mesh address")]
    [InlineData("mesh: { sync_interval_ms: 5 }\n", "mesh.sync_interval_ms", "at least 100")]
    [InlineData("mesh: { peer: [] }\n", "mesh.peer", "peers")]
    public void Parse_InvalidMesh_NamesKeyAndProblem(string yaml, string key, string message)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Parse(yaml)).Errors;

        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
