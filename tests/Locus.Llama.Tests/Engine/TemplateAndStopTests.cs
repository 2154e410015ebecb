using Locus.Core.Configuration;
using Locus.Core.Errors;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

public sealed class TemplateAndStopTests
{
    [ModelFact]
    public async Task Format_QwenModel_AppliesChatMLExactly()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var prompt = loaded.Model.Formatter.Format(
        [
            new ChatMessage(ChatRole.System, "You are terse."),
            new ChatMessage(ChatRole.User, "Hi"),
            new ChatMessage(ChatRole.Assistant, "Hello."),
            new ChatMessage(ChatRole.User, "Name a color."),
        ]);

        Assert.Equal("gguf", loaded.Model.Formatter.Description);
        Assert.Equal(
            "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n" +
            "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nName a color.<|im_end|>\n<|im_start|>assistant\n",
            prompt);
    }

    [ModelFact]
    public async Task Tokenize_ChatMLPrompt_ParsesSpecialTokensAsSingleTokens()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var tokens = loaded.Model.Tokenize("<|im_start|>user\nHi<|im_end|>");

        Assert.Equal(151644, tokens[0]); // <|im_start|> in Qwen2's vocabulary
        Assert.Equal(151645, tokens[^1]); // <|im_end|>
    }

    [ModelFact]
    public async Task Chat_StopSequenceInOutput_StopsBeforeIt()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen);
        var messages = new[] { new ChatMessage(ChatRole.User, "Say something.") };
        var free = await loaded.Client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 40 });
        Assert.True(free.Text.Length > 12, "random weights should still produce text");

        // A stop taken from the middle of the unconstrained greedy output must cut it right there.
        var stop = free.Text.Substring(free.Text.Length / 2, 3);
        var expected = free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)];
        var stopped = await loaded.Client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 40, StopSequences = ["\u0001never", stop] });

        Assert.Equal(expected, stopped.Text);
        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.True(stopped.Usage!.OutputTokenCount < free.Usage!.OutputTokenCount);
    }

    [ModelFact]
    public async Task ChatStreaming_StopSequence_NeverLeaksAnyPartOfIt()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var text = new System.Text.StringBuilder();
        await foreach (var update in loaded.Text.CompleteStreamingAsync("Once upon a time", new ChatOptions { Temperature = 0, MaxOutputTokens = 60, StopSequences = ["Lily"] }))
        {
            text.Append(update.Text);
        }

        Assert.Equal(", there was a little girl named ", text.ToString());
    }

    [ModelFact]
    public async Task Chat_BaseModelWithoutFallback_ExplainsHowToFix()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var error = await Assert.ThrowsAsync<LocusException>(() => loaded.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal("chat_template_unavailable", error.Error.Code);
        Assert.Contains("llama.chat_template_fallback", error.Message);
        Assert.Contains("has no chat template", error.Message);
    }

    [ModelFact]
    public async Task Load_UnknownFallbackTemplate_NamesTheKeyAndChoices()
    {
        var error = await Assert.ThrowsAsync<LocusException>(() => LoadedModel.LoadAsync(SharedModels.Stories,
            new LlamaOptions { Threads = 2, ContextSize = 256, ChatTemplateFallback = "no-such-template" }));

        Assert.StartsWith("llama.chat_template_fallback: 'no-such-template'", error.Message);
        Assert.Contains("chatml", error.Message);
    }

    [ModelFact]
    public async Task Load_FallbackChatML_FormatsBaseModelChats()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories,
            new LlamaOptions { Threads = 2, ContextSize = 256, ChatTemplateFallback = "chatml" });

        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
            loaded.Model.Formatter.Format([new ChatMessage(ChatRole.User, "hi")]));
    }
}
