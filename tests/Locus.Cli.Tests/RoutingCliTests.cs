using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Locus.Ledger;
using Locus.Ledger.Sqlite;

namespace Locus.Cli.Tests;

/// <summary>`locus route --explain`, `locus usage`, and the ledger surviving `kill -9` of a serving process.</summary>
public sealed class RoutingCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-route-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig(string extra = "")
    {
        var file = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(file, $"""
            llama:
              context_size: 512
              chat_template_fallback: chatml
            targets:
              - name: local
                kind: llama
                model: {SharedModels.Stories}
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
                api_key_env: CLOUD_KEY
                price: {"{"} input: 3, output: 15 {"}"}
            ledger:
              path: {Path.Combine(_dir, "usage.db")}
            {extra}
            """);
        return file;
    }

    private static readonly Dictionary<string, string> Env = new() { ["CLOUD_KEY"] = "sk-test" };

    [ModelFact]
    public async Task RouteExplainJson_HardPrompt_NamesTierTargetAndEverySignal()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(Env, "route", "--config", WriteConfig(), "--explain", "--json",
            "Refactor this module and analyze the race condition; design a fix. My email is jane.doe@example.com");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("tier").GetInt32());
        Assert.Equal("cloud", root.GetProperty("target").GetString());
        var signals = root.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("signal").GetString()).ToList();
        Assert.Contains("complexity", signals);
        Assert.Contains("sensitivity", signals);
        Assert.True(root.GetProperty("redact").GetBoolean());
        Assert.Equal("email", root.GetProperty("findings")[0].GetString());
        Assert.Equal("local", root.GetProperty("fallbacks").EnumerateArray().Last().GetProperty("target").GetString());
    }

    [ModelFact]
    public async Task RouteExplainJson_LocalOnlyAndTooLong_RefusalExplained()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 400));
        var (code, stdout, _) = await LocusProcess.RunAsync(Env, "route", "--config", WriteConfig(), "--explain", "--json", "--privacy", "local-only", prompt);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("tier").GetInt32());
        Assert.Equal("context_length_exceeded", json.RootElement.GetProperty("refusal").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Route_ConfigWithTypo_ListsProblemWithLine()
    {
        var file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, "targets:\n  - name: c\n    kind: openai\n    modle: m\n");
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "route", "--config", file, "--explain", "hi");
        Assert.Equal(2, code);
        Assert.Contains("targets[0].modle: unknown key; did you mean model?", stdout, StringComparison.Ordinal);
        Assert.Contains("line 4", stdout, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Serve_KilledMidRun_LosesNoAcknowledgedLedgerRow()
    {
        var config = WriteConfig();
        using var server = LocusProcess.Start(Env, "serve", "--config", config, "--port", "0");
        var line = await server.WaitForOutputAsync("Locus is serving", TimeSpan.FromSeconds(60));
        var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
                    {
                        model = "auto",
                        messages = new[] { new { role = "user", content = "What is the capital of France?" } },
                        max_tokens = 2,
                    });
                    await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the server is gone
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        });

        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref acknowledged) < 30 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        server.KillHard();
        await stop.CancelAsync();
        await load;

        Assert.True(acknowledged >= 30, $"only {acknowledged} requests answered");
        await using var ledger = UsageLedger.OpenReadOnly(Path.Combine(_dir, "usage.db"));
        var rows = await ledger.RecentAsync(100_000);
        Assert.True(rows.Count(r => r.Outcome == "ok") >= acknowledged, $"{rows.Count} rows for {acknowledged} acknowledged answers");
    }

    [ModelFact]
    public async Task Usage_AfterServing_ReportsTierMixAsJson()
    {
        var config = WriteConfig();
        using (var server = LocusProcess.Start(Env, "serve", "--config", config, "--port", "0"))
        {
            var line = await server.WaitForOutputAsync("Locus is serving", TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim()) };
            for (var i = 0; i < 3; i++)
            {
                using var r = await http.PostAsJsonAsync("/v1/chat/completions", new { model = "auto", messages = new[] { new { role = "user", content = "What is 2+2?" } }, max_tokens = 2 });
                r.EnsureSuccessStatusCode();
            }
        }

        var (code, stdout, stderr) = await LocusProcess.RunAsync(Env, "usage", "--config", config, "--period", "all", "--json");
        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(3, json.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal("1", json.RootElement.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("requests").GetInt64() > 0).GetProperty("key").GetString());
    }
}
