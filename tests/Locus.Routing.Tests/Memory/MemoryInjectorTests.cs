using Locus.Routing.Memory;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Memory;

/// <summary>How memory enters a conversation: one system message, delimited and named, the operator's prompt first.</summary>
public sealed class MemoryInjectorTests
{
    [Fact]
    public void Inject_ConversationWithSystemPrompt_MergedAfterItInOneSystemMessage()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "hi")];
        var result = MemoryInjector.Inject(messages, [MemoryDocs.Notes]);

        Assert.Equal(2, result.Count);
        Assert.Equal(ChatRole.System, result[0].Role);
        Assert.StartsWith("You are terse.", result[0].Text, StringComparison.Ordinal);
        Assert.True(result[0].Text.IndexOf(MemoryDocs.CloudMarker, StringComparison.Ordinal) > "You are terse.".Length);
        Assert.Contains("=== memory document: notes ===", result[0].Text, StringComparison.Ordinal);
        Assert.Contains("=== end of memory document: notes ===", result[0].Text, StringComparison.Ordinal);
        Assert.Same(messages[1], result[1]);
        Assert.Equal("You are terse.", messages[0].Text);
    }

    [Fact]
    public void Inject_NoSystemPrompt_PrependsSystemMessageWithEveryDocument()
    {
        List<ChatMessage> messages = [new(ChatRole.User, "hi")];
        var result = MemoryInjector.Inject(messages, [MemoryDocs.Secret, MemoryDocs.Notes]);

        Assert.Equal([ChatRole.System, ChatRole.User], result.Select(m => m.Role));
        Assert.Contains(MemoryDocs.PrivateMarker, result[0].Text, StringComparison.Ordinal);
        Assert.Contains(MemoryDocs.CloudMarker, result[0].Text, StringComparison.Ordinal);
        Assert.True(result[0].Text.IndexOf("secret-project", StringComparison.Ordinal) < result[0].Text.IndexOf("notes ===", StringComparison.Ordinal));
    }

    [Fact]
    public void Inject_NoDocuments_SameMessages()
    {
        List<ChatMessage> messages = [new(ChatRole.User, "hi")];
        Assert.Same(messages, MemoryInjector.Inject(messages, []));
    }
}
