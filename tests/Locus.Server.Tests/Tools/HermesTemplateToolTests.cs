using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// A model whose own template knows tools (Qwen 2.5's, Hermes-style <c>&lt;tool_call&gt;</c>): random-qwen2-tiny's
/// weights and tokenizer rewritten with that template. The template renders the tools itself, the grammar forces the
/// <c>&lt;tool_call&gt;</c> block (a special token in Qwen's vocabulary), and the parser reads it back — the native
/// family path, not the generic one.
/// </summary>
public sealed class HermesTemplateToolTests : IClassFixture<HermesTemplateToolTests.QwenWithToolTemplate>
{
    private readonly QwenWithToolTemplate engine;

    public HermesTemplateToolTests(QwenWithToolTemplate engine) => this.engine = engine;

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_Required_HermesCallMatchesItsSchema(bool stream)
    {
        var body = await PostAsync(""" "tool_choice":"required","parallel_tool_calls":false """, stream, seed: 12);

        var (name, arguments, finish) = stream ? Streamed(body) : Whole(body);
        Assert.Equal("tool_calls", finish);
        ToolSchemaAssert.Valid(name!, arguments!);
        Assert.DoesNotContain("<tool_call>", body, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task ChatCompletions_Auto_LazyGrammarLeavesFreeTextAlone()
    {
        var body = await PostAsync(""" "tool_choice":"auto","max_tokens":24 """, stream: false, seed: 2);

        // Random weights do not write the <tool_call> opener on their own, so the lazy grammar never wakes: free text.
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.False(string.IsNullOrEmpty(choice.GetProperty("message").GetProperty("content").GetString()), body);
    }

    private async Task<string> PostAsync(string fields, bool stream, int seed)
    {
        var maxTokens = fields.Contains("max_tokens", StringComparison.Ordinal) ? "" : "\"max_tokens\":200,";
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", $$"""
            {"model":"qwen-tools","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":{{LocalToolCallingTests.OpenAITools}},
             {{fields}},{{maxTokens}}"temperature":0.9,"seed":{{seed}},"stream":{{(stream ? "true" : "false")}}}
            """));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static (string?, string?, string?) Whole(string body)
    {
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        var call = choice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");
        return (call.GetProperty("name").GetString(), call.GetProperty("arguments").GetString(), choice.GetProperty("finish_reason").GetString());
    }

    private static (string?, string?, string?) Streamed(string body)
    {
        string? name = null, finish = null;
        var arguments = new System.Text.StringBuilder();
        foreach (var chunk in SseEvents.Json(SseEvents.Parse(body).Where(e => e != SseEvents.Done)))
        {
            var choice = chunk.GetProperty("choices")[0];
            if (choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String)
            {
                finish = f.GetString();
            }

            if (choice.GetProperty("delta").TryGetProperty("tool_calls", out var pieces))
            {
                var function = pieces[0].GetProperty("function");
                name ??= function.TryGetProperty("name", out var n) ? n.GetString() : null;
                arguments.Append(function.TryGetProperty("arguments", out var a) ? a.GetString() : "");
            }
        }

        return (name, arguments.ToString(), finish);
    }

    /// <summary>random-qwen2-tiny rewritten with Qwen 2.5's tool-aware template, loaded and served.</summary>
    public sealed class QwenWithToolTemplate : ServedModelFixture
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "locus-hermes-" + Guid.NewGuid().ToString("N"));

        protected override Task<IModelCatalog> LoadAsync()
        {
            Directory.CreateDirectory(_folder);
            var path = Path.Combine(_folder, "qwen-tools.gguf");
            RetemplatedModel.Create(SharedModels.Qwen, RetemplatedModel.Template("Qwen-Qwen2.5-7B-Instruct.jinja"), path);
            return LlamaModels.LoadAsync([new LocalModelSpec(path)], new LlamaOptions { Threads = 2, ContextSize = 2048 });
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
