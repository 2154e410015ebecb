using System.Text;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// Collects streamed tool calls: an id and name arrive first, then the arguments JSON in pieces, keyed by the
/// call's index on the wire. Each piece is passed on as a <see cref="ToolCallDeltaContent"/> as it comes (the first
/// once the name is known, with the arguments so far), and the finished calls come out whole, with parsed arguments
/// and their text as streamed.
/// </summary>
public sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, Call> calls = [];
    private int opened;

    public bool IsEmpty => calls.Count == 0;

    /// <summary>Records the id and name of the call at <paramref name="index"/>; returns its opening piece once the name is known.</summary>
    public ToolCallDeltaContent? Start(int index, string? id, string? name)
    {
        if (!calls.TryGetValue(index, out var call))
        {
            calls[index] = call = new Call();
        }

        // Some servers repeat the id or send the name late; keep the first non-empty value of each.
        call.Id = call.Id.Length > 0 ? call.Id : id ?? "";
        call.Name = call.Name.Length > 0 ? call.Name : name ?? "";
        return Open(call);
    }

    /// <summary>Adds a piece of arguments; returns it as a delta when the call's opening piece has gone out.</summary>
    public ToolCallDeltaContent? Append(int index, string? argumentsPiece)
    {
        if (!calls.TryGetValue(index, out var call))
        {
            calls[index] = call = new Call();
        }

        call.Arguments.Append(argumentsPiece);
        return call.Sequence is { } sequence && !string.IsNullOrEmpty(argumentsPiece)
            ? new ToolCallDeltaContent(sequence) { ArgumentsDelta = argumentsPiece }
            : null;
    }

    public bool Contains(int index) => calls.ContainsKey(index);

    /// <summary>The finished call at <paramref name="index"/>, removed from the assembler.</summary>
    public FunctionCallContent Complete(int index)
    {
        var call = calls[index];
        calls.Remove(index);
        return ToolArguments.ToCall(call.Id, call.Name, call.Arguments.ToString());
    }

    /// <summary>Every call still open, in index order.</summary>
    public List<AIContent> CompleteAll()
    {
        var done = new List<AIContent>(calls.Count);
        foreach (var index in calls.Keys.ToList())
        {
            done.Add(Complete(index));
        }

        return done;
    }

    private ToolCallDeltaContent? Open(Call call)
    {
        if (call.Sequence is not null || call.Name.Length == 0)
        {
            return null;
        }

        call.Sequence = opened++;
        return new ToolCallDeltaContent(call.Sequence.Value)
        {
            CallId = call.Id.Length > 0 ? call.Id : null,
            Name = call.Name,
            ArgumentsDelta = call.Arguments.ToString(),
        };
    }

    private sealed class Call
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public StringBuilder Arguments { get; } = new();

        /// <summary>The call's index among the streamed deltas, once its opening piece went out.</summary>
        public int? Sequence { get; set; }
    }
}
