using System.Text.Json;

namespace Locus.RouterLab.Data;

/// <summary>
/// MT-Bench: one item per question, its first turn, with quality = the GPT-4 judge's turn-1 score / 10 for each model.
/// Questions without a valid (1-10) turn-1 score for both models are left out.
/// </summary>
internal static class MtBenchLoader
{
    public const string QuestionFile = "question.jsonl";
    public const string JudgementFile = "judgements.jsonl";

    public static IReadOnlyList<OutcomeItem> Load(string folder, string weak, string strong)
    {
        var scores = new Dictionary<(int Question, string Model), double>();
        foreach (var root in Lines(Path.Combine(folder, JudgementFile)))
        {
            if (root.GetProperty("turn").GetInt32() != 1)
            {
                continue;
            }

            var score = root.GetProperty("score").GetDouble();
            if (score is >= 1 and <= 10)
            {
                scores[(root.GetProperty("question_id").GetInt32(), root.GetProperty("model").GetString() ?? "")] = score / 10;
            }
        }

        var contaminated = ContaminatedPrompts.Load(folder);
        var items = new List<OutcomeItem>();
        foreach (var root in Lines(Path.Combine(folder, QuestionFile)))
        {
            var id = root.GetProperty("question_id").GetInt32();
            var prompt = root.GetProperty("turns")[0].GetString() ?? "";
            if (contaminated.Contains(prompt.Trim()) || !scores.TryGetValue((id, weak), out var w) || !scores.TryGetValue((id, strong), out var s))
            {
                continue;
            }

            items.Add(new OutcomeItem(prompt, root.GetProperty("category").GetString() ?? "", w, s));
        }

        return items;
    }

    private static IEnumerable<JsonElement> Lines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.Clone();
            }
        }
    }
}
