using Locus.Core.Configuration;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

public sealed class GenerationTests
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 48 };

    [ModelFact]
    public async Task Complete_StoriesGreedy_ContinuesTheStoryInEnglish()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var response = await loaded.Text.CompleteAsync("Once upon a time", Greedy);

        var words = response.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length > 20, response.Text);
        Assert.Contains(words, w => w.Trim(',', '.') is "she" or "he" or "the" or "a" or "was");
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(48, response.Usage!.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 3);
    }

    [ModelFact]
    public async Task Chat_RawFallbackOnBaseModel_AnswersFromTheMessageText()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories,
            new LlamaOptions { Threads = 2, ContextSize = 512, ChatTemplateFallback = "raw" });
        var chat = await loaded.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], Greedy);
        var completion = await loaded.Text.CompleteAsync("Once upon a time", Greedy);

        Assert.Equal(completion.Text, chat.Text);
        Assert.Equal(ChatRole.Assistant, chat.Messages[0].Role);
    }

    [ModelFact]
    public async Task CompleteStreaming_SameSeed_GivesSameTextAsNonStreaming()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var options = new ChatOptions { Temperature = 0.9f, TopP = 0.95f, TopK = 40, Seed = 1234, MaxOutputTokens = 64 };

        var whole = await loaded.Text.CompleteAsync("The little dog", options);
        var pieces = new List<string>();
        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        await foreach (var update in loaded.Text.CompleteStreamingAsync("The little dog", options))
        {
            pieces.Add(update.Text);
            finish ??= update.FinishReason;
            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        Assert.Equal(whole.Text, string.Concat(pieces));
        Assert.True(pieces.Count > 10, "streaming should deliver many pieces, not one");
        Assert.Equal(whole.FinishReason, finish);
        Assert.Equal(whole.Usage!.OutputTokenCount, usage!.OutputTokenCount);
    }

    [ModelFact]
    public async Task Complete_SameSeedTwice_Repeats_DifferentSeed_Differs()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        ChatOptions Seeded(long seed) => new() { Temperature = 1.2f, Seed = seed, MaxOutputTokens = 40 };

        var a = await loaded.Text.CompleteAsync("Once upon a time", Seeded(7));
        var b = await loaded.Text.CompleteAsync("Once upon a time", Seeded(7));
        var c = await loaded.Text.CompleteAsync("Once upon a time", Seeded(8));

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
    }

    [ModelFact]
    public async Task Complete_WithPenaltiesAndMinP_ChangesGreedyOutput()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var plain = await loaded.Text.CompleteAsync("Once upon a time", Greedy);
        var penalized = await loaded.Text.CompleteAsync("Once upon a time", new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 48,
            FrequencyPenalty = 1.5f,
            PresencePenalty = 1.0f,
            AdditionalProperties = new() { ["repetition_penalty"] = 1.3, ["min_p"] = 0.05 },
        });

        Assert.True(plain.Text != penalized.Text, plain.Text + " ||| " + penalized.Text);
    }
}
