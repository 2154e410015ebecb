using System.Globalization;
using System.Text;
using Locus.Routing.Memory;

namespace Locus.Routing.Policy;

/// <summary>
/// Explains the memory a request carries — which documents by name, how many may leave the device, what did not fit —
/// without their text (reasons go to headers and the ledger). Which documents each target actually received is noted
/// by the runner per step.
/// </summary>
internal static class MemorySignal
{
    public static void Assess(DecisionState state)
    {
        var memory = state.Input.Memory;
        if (memory.IsEmpty && memory.Dropped.Count == 0)
        {
            if (memory.Note is { } only)
            {
                state.Add("memory", only);
            }

            return;
        }

        var text = new StringBuilder();
        text.Append(Count(memory.Local.Count)).Append(" selected");
        if (memory.Local.Count > 0)
        {
            text.Append(" (").Append(MemorySelection.Names(memory.Local)).Append(')')
                .Append(CultureInfo.InvariantCulture, $", ~{memory.Tokens} tokens; {memory.Cloud.Count} may leave the device");
        }

        if (memory.Dropped.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; dropped to fit memory.max_tokens ({state.Snapshot.Config.Memory.MaxTokens}): {MemorySelection.Names(memory.Dropped)}");
        }

        if (memory.Note is { } note)
        {
            text.Append("; ").Append(note);
        }

        state.Add("memory", text.ToString());
    }

    /// <summary>"1 document", "3 documents".</summary>
    public static string Count(int documents) => documents == 1 ? "1 document" : $"{documents.ToString(CultureInfo.InvariantCulture)} documents";
}
