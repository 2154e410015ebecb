using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>RouteLLM's evaluation folders (lm-sys/RouteLLM): mmlu, gsm8k and mt_bench, or their parent for all three.</summary>
internal static class RouteLlmLoader
{
    public const string Weak = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    public const string Strong = "gpt-4-1106-preview";

    private static readonly string[] Parts = ["mmlu", "gsm8k", "mt_bench"];

    public static IReadOnlyList<OutcomeItem> Load(string folder)
    {
        if (Directory.EnumerateFiles(folder, "mmlu_*.csv").Any())
        {
            return LoadCsvs(folder, Directory.EnumerateFiles(folder, "mmlu_*.csv"), f => Path.GetFileNameWithoutExtension(f)["mmlu_".Length..]);
        }

        if (File.Exists(Path.Combine(folder, "gsm8k_responses.csv")))
        {
            return LoadCsvs(folder, [Path.Combine(folder, "gsm8k_responses.csv")], _ => "gsm8k");
        }

        if (File.Exists(Path.Combine(folder, MtBenchLoader.QuestionFile)))
        {
            return MtBenchLoader.Load(folder, Weak, Strong);
        }

        var children = Parts.Select(n => Path.Combine(folder, n)).Where(Directory.Exists).ToList();
        if (children.Count == 0)
        {
            throw new LocusException(LocusError.Invalid($"{folder} holds no RouteLLM data: expected mmlu_*.csv, gsm8k_responses.csv, question.jsonl, or mmlu/gsm8k/mt_bench folders", "data"));
        }

        return children.SelectMany(Load).ToList();
    }

    private static List<OutcomeItem> LoadCsvs(string folder, IEnumerable<string> files, Func<string, string> groupOf)
    {
        var contaminated = ContaminatedPrompts.Load(folder);
        var items = new List<OutcomeItem>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var table = CsvTable.Load(file);
            int prompt = table.Column("prompt"), weak = table.Column(Weak), strong = table.Column(Strong);
            var group = groupOf(file);
            foreach (var row in table.Rows)
            {
                if (contaminated.Contains(row[prompt].Trim()))
                {
                    continue;
                }

                items.Add(new OutcomeItem(row[prompt], group, OutcomeValues.Parse(row[weak], file), OutcomeValues.Parse(row[strong], file)));
            }
        }

        return items;
    }
}
