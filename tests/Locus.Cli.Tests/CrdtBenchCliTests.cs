using System.IO.Compression;
using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus bench crdt` end to end: replays editing traces into the text CRDT and reports one JSON object.</summary>
public sealed class CrdtBenchCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-crdt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task BenchCrdtJson_SmallTrace_ReplaysToEndContent()
    {
        var patches = new object[][] { [0, 0, "hello world"], [5, 6, ""], [5, 0, ", 😀 there"], [0, 1, "H"], [14, 0, "!"] };
        var path = WriteTrace("small.json.gz", patches, "Hello, 😀 there!", gzip: true);
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "bench", "crdt", "--trace", path, "--json", "--runs", "1");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("matches_end_content").GetBoolean());
        Assert.Equal(patches.Length, root.GetProperty("ops").GetInt32());
        Assert.Equal("Hello, 😀 there!".EnumerateRunes().Count(), root.GetProperty("text_length").GetInt32());
        Assert.InRange(root.GetProperty("encoded_gc_bytes").GetInt32(), 1, root.GetProperty("encoded_bytes").GetInt32() - 1);
        Assert.True(root.GetProperty("apply_ms").GetDouble() >= 0 && root.GetProperty("load_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task BenchCrdt_WrongEndContent_ReportsMismatchAndFails()
    {
        var path = WriteTrace("wrong.json", [[0, 0, "abc"]], "abd", gzip: false);
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "bench", "crdt", "--trace", path, "--json", "--runs", "1");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.False(json.RootElement.GetProperty("matches_end_content").GetBoolean());
    }

    [Fact]
    public async Task BenchCrdt_NotATrace_SaysWhatIsExpected()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, "{\"txns\": 3}");
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "bench", "crdt", "--trace", path);
        Assert.Equal(1, code);
        Assert.Contains("is not an editing trace", stdout, StringComparison.Ordinal);
    }

    [CrdtTraceFact]
    public async Task BenchCrdtJson_AutomergePaper_MatchesEndContent()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "bench", "crdt", "--trace", CrdtTraces.AutomergePaper!, "--json", "--runs", "1");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("matches_end_content").GetBoolean());
        Assert.Equal(259_778, root.GetProperty("ops").GetInt32());
        Assert.Equal(104_852, root.GetProperty("text_length").GetInt32());
        Assert.True(root.GetProperty("encoded_gc_bytes").GetInt32() < root.GetProperty("encoded_bytes").GetInt32());
    }

    private string WriteTrace(string name, object[][] patches, string endContent, bool gzip)
    {
        var path = Path.Combine(_dir, name);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { startContent = "", endContent, txns = patches.Select(p => new { patches = new[] { p } }) });
        using var file = File.Create(path);
        using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        output.Write(bytes);
        return path;
    }
}
