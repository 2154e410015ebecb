using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Memory;

/// <summary>
/// Puts memory documents into a conversation as system context: appended to the leading system message when there is
/// one (several chat templates accept a single system message, and only first), else as a new first message.
/// </summary>
public static class MemoryInjector
{
    public static IReadOnlyList<ChatMessage> Inject(IReadOnlyList<ChatMessage> messages, IReadOnlyList<MemoryDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return messages;
        }

        var block = MemoryBlock.Render(documents);
        var result = new List<ChatMessage>(messages.Count + 1);
        if (messages.Count > 0 && messages[0] is { } first && first.Role == ChatRole.System && first.Contents.All(c => c is TextContent))
        {
            // The operator's system prompt stays first; memory follows it as reference material.
            var merged = first.Text.Length == 0 ? block : first.Text + "\n\n" + block;
            result.Add(new ChatMessage(ChatRole.System, merged) { AuthorName = first.AuthorName, MessageId = first.MessageId });
            result.AddRange(messages.Skip(1));
        }
        else
        {
            result.Add(new ChatMessage(ChatRole.System, block));
            result.AddRange(messages);
        }

        return result;
    }
}
