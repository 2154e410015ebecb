using System.Text.Json;

namespace Locus.RouterLab.Data;

/// <summary>
/// A RouteLLM folder's contaminated_prompts.jsonl: evaluation prompts too similar to the paper's training data. They are
/// matched on the trimmed prompt text.
/// </summary>
internal static class ContaminatedPrompts
{
    public const string FileName = "contaminated_prompts.jsonl";

    public static HashSet<string> Load(string folder)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return set;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("eval_prompt", out var prompt) && prompt.GetString() is { } text)
            {
                set.Add(text.Trim());
            }
        }

        return set;
    }
}
