using System.Text.Json;
using Locus.Core.Configuration;
using Locus.Llama.Tests.Engine;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Chat;

/// <summary>
/// Which road tools take into the prompt: a template of a known family renders them itself (Qwen 2.5's, Hermes);
/// the plain ChatML template of random-qwen2-tiny cannot, so they go into the system message in the generic form.
/// </summary>
public sealed class ToolTemplatePromptTests : IDisposable
{
    private static readonly AITool Weather = AIFunctionFactory.CreateDeclaration("get_weather", "Current weather in a city",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "locus-template-" + Guid.NewGuid().ToString("N"));

    [ModelFact]
    public async Task Format_QwenToolTemplate_RendersToolsNatively()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "qwen-tools.gguf");
        RetemplatedModel.Create(SharedModels.Qwen, RetemplatedModel.Template("Qwen-Qwen2.5-7B-Instruct.jinja"), path);
        using var loaded = await LoadedModel.LoadAsync(path, new LlamaOptions { Threads = 2, ContextSize = 1024 });

        var plan = Locus.Llama.Chat.ChatTurnPlanner.Plan(loaded.Model.Formatter, loaded.Model.Vocab,
            [new ChatMessage(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.RequireAny });

        Assert.Equal(ToolCallFamily.Hermes, loaded.Model.Formatter.ToolFormat.Family);
        Assert.Contains("<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"", plan.Prompt, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", plan.Prompt, StringComparison.Ordinal);
        Assert.Contains("<tool_call>", plan.Grammar!.Grammar, StringComparison.Ordinal);
        Assert.False(plan.Grammar.IsLazy);
    }

    [ModelFact]
    public async Task Format_PlainChatMLTemplate_DescribesToolsInTheSystemMessage()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);

        var plan = Locus.Llama.Chat.ChatTurnPlanner.Plan(loaded.Model.Formatter, loaded.Model.Vocab,
            [new ChatMessage(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.Auto });

        Assert.Equal(ToolCallFamily.Generic, loaded.Model.Formatter.ToolFormat.Family);
        Assert.StartsWith("<|im_start|>system\nYou can call the following tools:", plan.Prompt, StringComparison.Ordinal);
        Assert.Contains("\\\"response\\\"", plan.Grammar!.Grammar, StringComparison.Ordinal); // the literal "response" in GBNF
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
