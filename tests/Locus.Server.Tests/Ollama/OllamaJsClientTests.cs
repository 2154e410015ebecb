using System.Diagnostics;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

/// <summary>
/// The official ollama npm client (ollama-js) against a real server: chat, streamed generate, list, embed, and the
/// error it raises for an unknown model. Runs only where <c>node</c> is on the PATH and the package is installed
/// (<c>npm ci</c> in tests/Locus.Server.Tests/Ollama/js): installing from the registry during a test would make the
/// suite slow and dependent on the network, so a machine without the package skips this test.
/// </summary>
public sealed class OllamaJsClientTests(OllamaEngineFixture fixture) : IClassFixture<OllamaEngineFixture>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Ollama", "js");

    private static bool Installed => File.Exists(Path.Combine(Folder, "node_modules", "ollama", "package.json")) && NodeRuns();

    [ModelFact]
    public async Task OfficialClient_ChatGenerateListEmbed_Work()
    {
        if (!Installed)
        {
            // Skipped: see the class summary. xunit 2 has no dynamic skip; the reason is in the output.
            Console.WriteLine("ollama-js check skipped: node or tests/Locus.Server.Tests/Ollama/js/node_modules is absent (npm ci there)");
            return;
        }

        // The engine's models chat and generate; a scripted embedder, on a server of its own, answers embed.
        await using var embedServer = await RunningServer.StartAsync(new ScriptedEmbeddingModel());
        var result = await RunAsync(Host(fixture.Server), OllamaEngineFixture.Qwen, $"{OllamaEngineFixture.Stories}:latest",
            Host(embedServer), ScriptedEmbeddingModel.ModelId);

        Assert.Equal("assistant", result.GetProperty("chat").GetProperty("role").GetString());
        Assert.True(result.GetProperty("chat").GetProperty("done").GetBoolean());
        Assert.True(result.GetProperty("chat").GetProperty("eval_count").GetInt32() > 0);
        Assert.NotEqual("", result.GetProperty("generate").GetProperty("text").GetString());
        Assert.True(result.GetProperty("generate").GetProperty("done").GetBoolean());
        var names = result.GetProperty("list").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains($"{OllamaEngineFixture.Stories}:latest", names);
        Assert.Equal(2, result.GetProperty("embed").GetProperty("count").GetInt32());
        Assert.Equal(ScriptedEmbeddingModel.Dimensions, result.GetProperty("embed").GetProperty("dims").GetInt32());
        var missing = result.GetProperty("missing");
        Assert.Equal("ResponseError", missing.GetProperty("name").GetString());
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
        Assert.Equal("model 'no-such-model' not found", missing.GetProperty("error").GetString());
    }

    private static string Host(RunningServer server) => server.BaseAddress.ToString().TrimEnd('/');

    private static async Task<JsonElement> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("client-check.mjs");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await stderr}");
        using var document = JsonDocument.Parse(await stdout);
        return document.RootElement.Clone();
    }

    private static bool NodeRuns()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            process!.WaitForExit(10_000);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
