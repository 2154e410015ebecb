using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Locus.Ledger.Sqlite;

namespace Locus.Cli.Tests;

/// <summary>
/// Commands that do not serve never load Locus.Server or ASP.NET Core. The real `locus` runs with a startup hook
/// (Locus.Cli.AssemblyProbe) that writes the assemblies the process loaded when it exits; `locus serve` is the
/// control that shows the probe sees them when they are loaded.
/// </summary>
public sealed class AssemblyLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cli-loads-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> NonServingCommands =>
    [
        "plan", "thermal", "place", "router eval", "router train", "router ensemble", "bench crdt", "models", "route --explain", "usage", "bench",
    ];

    [Theory]
    [MemberData(nameof(NonServingCommands))]
    public async Task NonServingCommand_LoadsNeitherLocusServerNorAspNetCore(string command)
    {
        var (args, expectedCode) = await ArgumentsAsync(command);

        var loaded = await RunAsync(args, expectedCode);

        Assert.Contains("locus", loaded); // the probe recorded this process
        Assert.DoesNotContain(loaded, IsServing);
    }

    /// <summary>With the shared models: a model really loaded and measured (llama.cpp in-process) still needs no ASP.NET.</summary>
    [ModelFact]
    public async Task BenchAndModels_WithARealModel_LoadNeitherLocusServerNorAspNetCore()
    {
        foreach (var args in new[] { new[] { "bench", "-m", SharedModels.Stories, "-p", "8", "-n", "4", "-r", "1", "-t", "2" }, ["models", "--json", SharedModels.Stories] })
        {
            var loaded = await RunAsync(args, expectedCode: 0);

            Assert.DoesNotContain(loaded, IsServing);
        }
    }

    [Fact]
    public async Task Serve_LoadsLocusServerAndAspNetCore()
    {
        var config = Path.Combine(_dir, "locus.yaml");
        File.WriteAllText(config, """
            server:
              port: 0
            targets:
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
            routing:
              cloud: [cloud]
            ledger:
              enabled: false
            """);
        var output = Path.Combine(_dir, "loaded.txt");
        using var server = LocusProcess.Start(new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = ProbePath, ["ASSEMBLY_PROBE_OUT"] = output }, "serve", "--config", config);
        await server.WaitForOutputAsync("Locus is serving", TimeSpan.FromSeconds(60));

        await server.StopAsync(TimeSpan.FromSeconds(30));

        Assert.True(File.Exists(output), $"the probe wrote nothing. stdout: {server.Stdout} stderr: {server.Stderr}");
        var loaded = File.ReadAllLines(output);
        Assert.Contains("Locus.Server", loaded);
        Assert.Contains(loaded, name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
    }

    private static bool IsServing(string assembly) =>
        assembly == "Locus.Server" || assembly.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal);

    private static string ProbePath => Path.Combine(AppContext.BaseDirectory, "Locus.Cli.AssemblyProbe.dll");

    private async Task<string[]> RunAsync(string[] args, int expectedCode)
    {
        var output = Path.Combine(_dir, "loaded.txt");
        File.Delete(output);
        var environment = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = ProbePath, ["ASSEMBLY_PROBE_OUT"] = output, ["CLOUD_KEY"] = "sk-test" };

        var (code, stdout, stderr) = await LocusProcess.RunAsync(environment, args);

        Assert.True(code == expectedCode, $"locus {string.Join(' ', args)} exited {code}. stdout: {stdout} stderr: {stderr}");
        Assert.True(File.Exists(output), $"the probe wrote nothing for locus {string.Join(' ', args)}. stderr: {stderr}");
        return File.ReadAllLines(output);
    }

    /// <summary>Each command with small inputs written here, and the exit code that shows it ran (1 where the
    /// command's own validation is the path taken: `bench` without a model, `models` on a file that is not GGUF).</summary>
    private async Task<(string[] Args, int ExpectedCode)> ArgumentsAsync(string command) => command switch
    {
        "plan" => (["plan", "--device", "apple-m2-max", "--params-b", "8", "--quant", "Q4_K_M", "--ctx", "8192", "--json"], 0),
        "thermal" => (["thermal", "-e", "fanless-laptop", "--params-b", "8", "--target-tps", "20"], 0),
        "place" => (["place", "--device", "apple-m4", "--params-b", "3", "--json"], 0),
        "router eval" => (["router", "eval", "--data", RouterBenchCsv(), "--router", "heuristic", "--json"], 0),
        "router train" => (["router", "train", "--data", RouterBenchCsv(), "--out", Path.Combine(_dir, "router.lrtm"), "--folds", "2"], 0),
        "router ensemble" => (["router", "ensemble", "--data", RouterBenchCsv(), "--json"], 0),
        "bench crdt" => (["bench", "crdt", "--trace", CrdtTrace(), "--json", "--runs", "1"], 0),
        "models" => (["models", NotAModel()], 1),
        "route --explain" => (["route", "--config", CloudConfig(), "--explain", "--json", "Prove step by step that claim 9 holds for every n"], 0),
        "usage" => (["usage", "--ledger", await LedgerAsync(), "--period", "all", "--json"], 0),
        "bench" => (["bench"], 1),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "no arguments for this command"),
    };

    /// <summary>A RouterBench-format file with the seven models of `router ensemble`'s setup (two of them the pair
    /// `router eval` and `train` read by default): correctness, response and cost per model.</summary>
    private string RouterBenchCsv()
    {
        string[] models =
        [
            "meta/llama-2-70b-chat", "mistralai/mixtral-8x7b-chat", "zero-one-ai/Yi-34B-Chat", "meta/code-llama-instruct-34b-chat",
            "WizardLM/WizardLM-13B-V1.2", "mistralai/mistral-7b-chat", "gpt-4-1106-preview",
        ];
        var csv = new StringBuilder("sample_id,prompt,eval_name");
        foreach (var model in models)
        {
            csv.Append(CultureInfo.InvariantCulture, $",{model},{model}|model_response,{model}|total_cost");
        }

        csv.Append('\n');
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var hard = i % 3 == 0;
            var prompt = hard ? $"Prove step by step that claim {i} holds for every n" : $"What is the capital of country {i}?";
            csv.Append(CultureInfo.InvariantCulture, $"s.{i},\"{prompt}\",{(hard ? "proofs" : "lookups")}");
            foreach (var model in models)
            {
                var right = model.StartsWith("gpt-4", StringComparison.Ordinal) || random.NextDouble() < (hard ? 0.3 : 0.8);
                csv.Append(CultureInfo.InvariantCulture, $",{(right ? 1 : 0)},\"['{(right ? "A" : "B")}']\",0.001");
            }

            csv.Append('\n');
        }

        var file = Path.Combine(_dir, "bench.csv");
        File.WriteAllText(file, csv.ToString());
        return file;
    }

    private string CrdtTrace()
    {
        var path = Path.Combine(_dir, "trace.json.gz");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { startContent = "", endContent = "Hello", txns = new[] { new { patches = new object[][] { [0, 0, "Hello"] } } } });
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
        return path;
    }

    private string NotAModel()
    {
        var file = Path.Combine(_dir, "not-a-model.gguf");
        File.WriteAllText(file, "hello, not a model");
        return file;
    }

    private string CloudConfig()
    {
        var file = Path.Combine(_dir, "route.yaml");
        File.WriteAllText(file, """
            targets:
              - name: cloud
                kind: openai
                base_url: http://127.0.0.1:9/v1
                model: frontier
                api_key_env: CLOUD_KEY
            ledger: { enabled: false }
            """);
        return file;
    }

    private async Task<string> LedgerAsync()
    {
        var path = Path.Combine(_dir, "usage.db");
        await UsageLedger.Open(path).DisposeAsync();
        return path;
    }
}
