using System.Text;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// Collects streamed tool calls: an id and name arrive first, then the arguments JSON in pieces, keyed by the
/// call's index. The finished calls come out whole, with parsed arguments.
/// </summary>
public sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)> calls = [];

    public bool IsEmpty => calls.Count == 0;

    public void Start(int index, string? id, string? name)
    {
        if (!calls.TryGetValue(index, out var call))
        {
            calls[index] = (id ?? "", name ?? "", new StringBuilder());
            return;
        }

        // Some servers repeat the id or send the name late; keep the first non-empty value of each.
        calls[index] = (call.Id.Length > 0 ? call.Id : id ?? "", call.Name.Length > 0 ? call.Name : name ?? "", call.Arguments);
    }

    public void Append(int index, string? argumentsPiece)
    {
        if (!calls.TryGetValue(index, out var call))
        {
            Start(index, null, null);
            call = calls[index];
        }

        call.Arguments.Append(argumentsPiece);
    }

    public bool Contains(int index) => calls.ContainsKey(index);

    /// <summary>The finished call at <paramref name="index"/>, removed from the assembler.</summary>
    public FunctionCallContent Complete(int index)
    {
        var (id, name, arguments) = calls[index];
        calls.Remove(index);
        return ToolArguments.ToCall(id, name, arguments.ToString());
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
}
