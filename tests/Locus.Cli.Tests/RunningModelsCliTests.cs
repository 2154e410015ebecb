using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Locus.Cli.Tests;

/// <summary>`locus models --server URL` reads a running server's engines from its /health.</summary>
public sealed class RunningModelsCliTests
{
    [ModelFact]
    public async Task Models_ServerFlag_ShowsSlotsCellsAndCacheOfTheRunningEngine()
    {
        var port = FreePort();
        using var server = LocusProcess.Start(null, "serve", "--model", SharedModels.Stories, "--port", $"{port}", "--parallel", "2", "--ctx", "256", "--threads", "2");
        await server.WaitForOutputAsync("Locus is serving", TimeSpan.FromSeconds(60));
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            var body = """{"model":"stories260K","prompt":"Once upon a time","max_tokens":8}""";
            using var response = await http.PostAsync("/v1/completions", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "models", "--server", $"http://127.0.0.1:{port}", "--json");
        var table = await LocusProcess.RunAsync(null, "models", "--server", $"http://127.0.0.1:{port}");
        await server.StopAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 0, stderr);
        var engine = JsonDocument.Parse(stdout.Trim()).RootElement;
        Assert.Equal("stories260K", engine.GetProperty("model").GetString());
        Assert.Equal(2, engine.GetProperty("slots").GetInt32());
        Assert.Equal(0, engine.GetProperty("slots_busy").GetInt32());
        Assert.True(engine.GetProperty("kv_cells_used").GetInt32() > 4);
        Assert.Equal(512, engine.GetProperty("kv_cells_total").GetInt32());
        Assert.Contains("stories260K", table.Stdout);
        Assert.Contains("0 / 2", table.Stdout); // slots busy / slots
    }

    [Fact]
    public async Task Models_ServerFlagNothingListening_SaysSoAndFails()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "models", "--server", $"http://127.0.0.1:{FreePort()}");

        Assert.NotEqual(0, code);
        Assert.Contains("Is `locus serve` running there?", stdout + stderr);
        Assert.DoesNotContain("Unhandled exception", stdout + stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
