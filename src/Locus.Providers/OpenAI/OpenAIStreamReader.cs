using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Locus.Providers.Protocols;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Locus.Wire.Sse;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>
/// <c>chat.completion.chunk</c> events to updates. Tool calls arrive as argument pieces per index: each piece is passed
/// on as a <see cref="Core.Abstractions.ToolCallDeltaContent"/> as it comes, and the calls come out whole as well when
/// the choice finishes; the stream is complete only at <c>data: [DONE]</c>.
/// </summary>
internal static class OpenAIStreamReader
{
    /// <summary>Stands for <c>data: [DONE]</c>, the stream's end marker.</summary>
    private static readonly ChatCompletionChunk Done = new();

    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tools = new ToolCallAssembler();
        string? id = null;
        string? model = null;
        DateTimeOffset? created = null;
        var done = false;
        await foreach (var item in SseParser.Create(body, static (_, data) => Parse(data)).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var chunk = item.Data;
            if (ReferenceEquals(chunk, Done))
            {
                done = true;
                break;
            }

            if (chunk.Error is { } error)
            {
                throw new UpstreamProtocolException(ErrorBody.Describe(error), ErrorBody.Type(error));
            }

            id ??= chunk.Id;
            model ??= chunk.Model;
            created ??= OpenAIMapping.CreatedAt(chunk.Created);

            var contents = new List<AIContent>();
            var choice = chunk.Choices is { Count: > 0 } choices ? choices[0] : null;
            if (choice?.Delta is { } delta)
            {
                Collect(delta, tools, contents);
            }

            var finish = OpenAIMapping.ToFinishReason(choice?.FinishReason);
            if (finish is not null)
            {
                contents.AddRange(tools.CompleteAll());
            }

            if (chunk.Usage is { } usage)
            {
                contents.Add(new UsageContent(OpenAIMapping.ToUsageDetails(usage)!));
            }

            if (contents.Count > 0 || finish is not null)
            {
                yield return Update(contents, id, model, created, finish);
            }
        }

        if (!done)
        {
            throw UpstreamProtocolException.EndedBefore("data: [DONE]");
        }
        // Servers that never send finish_reason "tool_calls" still deserve their calls.
        if (!tools.IsEmpty)
        {
            yield return Update(tools.CompleteAll(), id, model, created, ChatFinishReason.ToolCalls);
        }
    }

    private static void Collect(ChatDelta delta, ToolCallAssembler tools, List<AIContent> contents)
    {
        if ((delta.ReasoningContent ?? delta.Reasoning) is { Length: > 0 } reasoning)
        {
            contents.Add(new TextReasoningContent(reasoning));
        }

        if ((delta.Content ?? delta.Refusal) is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }

        foreach (var call in delta.ToolCalls ?? [])
        {
            var index = call.Index ?? 0;
            if (call.Id is not null || call.Function?.Name is not null)
            {
                AddPiece(contents, tools.Start(index, call.Id, call.Function?.Name));
            }

            AddPiece(contents, tools.Append(index, call.Function?.Arguments));
        }
    }

    private static void AddPiece(List<AIContent> contents, AIContent? piece)
    {
        if (piece is not null)
        {
            contents.Add(piece);
        }
    }

    private static ChatResponseUpdate Update(IList<AIContent> contents, string? id, string? model, DateTimeOffset? created, ChatFinishReason? finish) =>
        new(ChatRole.Assistant, contents)
        {
            ResponseId = id,
            MessageId = id,
            ModelId = model,
            CreatedAt = created,
            FinishReason = finish,
        };

    private static ChatCompletionChunk Parse(ReadOnlySpan<byte> data) =>
        SseFrames.IsDone(data)
            ? Done
            : JsonSerializer.Deserialize(data, OpenAIJson.ChatCompletionChunk) ?? throw new JsonException("A chunk is JSON null.");
}
