using System.Net.Http.Json;
using System.Text.Json;

namespace Locus.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "serve", "chat", "models", "bench", "plan", "place" })
        {
            Assert.Contains(command, stdout);
        }
    }

    [Fact]
    public async Task Help_EachCommandByName_ParsesWithOnlyThatCommandBuilt()
    {
        // A named command is parsed with only itself built (start-up time): each name must be the one it is built with.
        var (_, help, _) = await LocusProcess.RunAsync(null, "--help");
        var names = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Select(l => l.Trim().Split(' ')[0]).Where(n => n.Length > 0).ToList();
        Assert.Equal(12, names.Count);

        foreach (var name in names)
        {
            var (code, stdout, stderr) = await LocusProcess.RunAsync(null, name, "--help");
            Assert.True(code == 0, $"locus {name} --help: exit {code}\n{stdout}{stderr}");
            Assert.Contains($"locus {name}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MistypedCommand_SuggestsTheClosest()
    {
        var (code, stdout, stderr) = await LocusProcess.RunAsync(null, "plam");

        Assert.NotEqual(0, code);
        Assert.Contains("Did you mean", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("plan", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelp_DocumentsModelPortAndHost()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "serve", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--model <PATH>", stdout);
        Assert.Contains("--port", stdout);
        Assert.Contains("--host", stdout);
    }

    [Fact]
    public async Task Serve_InvalidPortInEnvironment_NamesKeyAndSource()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(new Dictionary<string, string> { ["LOCUS_SERVER_PORT"] = "70000" }, "serve", "--model", "x.gguf");

        Assert.Equal(2, code);
        Assert.Contains("server.port", stdout);
        Assert.Contains("LOCUS_SERVER_PORT", stdout);
    }

    [Fact]
    public async Task Serve_DefaultModelWithoutNetwork_SaysSoAndHowToPassModel()
    {
        var env = new Dictionary<string, string>
        {
            // Nothing listens on port 9 (discard) here: the download cannot connect, as on a machine without network.
            ["LOCUS_MODELS_DEFAULT_URL"] = "http://127.0.0.1:9/model.gguf",
            ["LOCUS_MODELS_DEFAULT_SHA256"] = new string('a', 64),
            ["LOCUS_MODELS_DEFAULT_FILE_NAME"] = "model.gguf",
        };
        var (code, stdout, stderr) = await LocusProcess.RunAsync(env, "serve");

        Assert.Equal(1, code);
        Assert.Contains("could not reach", stdout + stderr);
        Assert.Contains("--model", stdout + stderr);
    }

    [Fact]
    public async Task Models_NotAGgufFile_ExplainsAndFails()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "hello, not a model");
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "models", file);

        Assert.Equal(1, code);
        Assert.Contains("not a GGUF file", stdout);
    }

    [ModelFact]
    public async Task Models_Json_DescribesSharedModel()
    {
        var (code, stdout, _) = await LocusProcess.RunAsync(null, "models", "--json", SharedModels.Stories);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("llama", json.RootElement.GetProperty("architecture").GetString());
        Assert.Equal(512, json.RootElement.GetProperty("vocab_size").GetInt32());
    }

    [ModelFact]
    public async Task Serve_ModelOnPortZero_AnswersOpenAIRequests()
    {
        using var server = LocusProcess.Start(null, "serve", "--model", SharedModels.Stories, "--port", "0", "--threads", "2", "--chat-template", "raw");
        var line = await server.WaitForOutputAsync("OpenAI base URL: ", TimeSpan.FromSeconds(60));
        var baseUrl = line.Split(' ')[3];
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(baseUrl + "/chat/completions", new
        {
            model = "stories260K",
            messages = new[] { new { role = "user", content = "Once upon a time" } },
            max_tokens = 12,
            temperature = 0,
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Contains("there was", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [ModelFact]
    public async Task Chat_ModelFileWithPipedInput_AnswersEachLine()
    {
        using var chat = LocusProcess.Start(null, "chat", "--model", SharedModels.Stories, "--threads", "2", "--chat-template", "raw",
            "--temperature", "0", "--max-tokens", "10");
        await chat.Input.WriteLineAsync("Once upon a time");
        chat.Input.Close();

        var answer = await chat.WaitForOutputAsync(", there was", TimeSpan.FromSeconds(60));
        Assert.StartsWith(", there was a little", answer);
    }
}
