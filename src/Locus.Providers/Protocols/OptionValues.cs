using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Protocols;

/// <summary>Reads settings that travel in <c>ChatOptions.AdditionalProperties</c> (see <see cref="LocusChatOptions"/>).</summary>
internal static class OptionValues
{
    public static double? Number(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true
            ? value switch
            {
                double d => d,
                float f => f,
                int i => i,
                long l => l,
                decimal m => (double)m,
                System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetDouble(),
                _ => null,
            }
            : null;

    /// <summary>Instructions and system messages, in order, as one text.</summary>
    public static string? SystemText(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            parts.Add(options.Instructions);
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System && message.Text is { Length: > 0 } text)
            {
                parts.Add(text);
            }
        }

        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }
}
