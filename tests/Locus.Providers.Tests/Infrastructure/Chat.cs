using System.Text.Json;
using Locus.Core.Errors;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Infrastructure;

internal static class Chat
{
    public static List<ChatMessage> User(string text) => [new(ChatRole.User, text)];

    /// <summary>Reads a stream to the end, collecting its updates.</summary>
    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    public static async Task<LocusError> FailsAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<LocusException>(call);
        return e.Error;
    }

    public static JsonElement Json(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();
}
