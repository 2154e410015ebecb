using Locus.Server.Tests.Infrastructure;
using OpenAI.Chat;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>The official OpenAI .NET SDK talking to the real engine through the server.</summary>
[Collection(EngineCollection.Name)]
public sealed class OpenAISdkEndToEndTests(EngineFixture engine)
{
    private static readonly ChatCompletionOptions Options = new() { MaxOutputTokenCount = 16, Temperature = 0 };

    [ModelFact]
    public void CompleteChat_ReturnsGeneratedText()
    {
        ChatCompletion completion = Sdk.Chat(engine.Server, EngineFixture.ModelId).CompleteChat([new UserChatMessage("Once upon a time")], Options);

        Assert.False(string.IsNullOrEmpty(completion.Content.Single().Text));
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 16);
    }

    [ModelFact]
    public void CompleteChatStreaming_MatchesNonStreaming()
    {
        var client = Sdk.Chat(engine.Server, EngineFixture.ModelId);
        var expected = client.CompleteChat([new UserChatMessage("Once upon a time")], Options).Value.Content.Single().Text;
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        foreach (var update in client.CompleteChatStreaming([new UserChatMessage("Once upon a time")], Options))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        Assert.Equal(expected, text.ToString());
        Assert.NotNull(usage);
        Assert.InRange(usage.OutputTokenCount, 1, 16);
    }
}
