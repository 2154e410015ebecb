using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>
/// Loads per-prompt weak/strong outcomes: a RouteLLM folder (mmlu, gsm8k, mt_bench, or their parent for all three) or a
/// RouterBench CSV. Prompts listed in a folder's contaminated_prompts.jsonl are excluded, as the RouteLLM paper does.
/// </summary>
public static class OutcomeData
{
    /// <summary>RouterBench's columns for RouteLLM's model pair, used when a RouterBench CSV is loaded without names.</summary>
    public const string RouterBenchWeak = "mistralai/mixtral-8x7b-chat";

    public const string RouterBenchStrong = "gpt-4-1106-preview";

    public static IReadOnlyList<OutcomeItem> Load(string path) => Load(path, RouterBenchWeak, RouterBenchStrong);

    /// <param name="weakColumn">RouterBench only: the weak model's correctness column.</param>
    /// <param name="strongColumn">RouterBench only: the strong model's correctness column.</param>
    public static IReadOnlyList<OutcomeItem> Load(string path, string weakColumn, string strongColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return RouterBenchLoader.Load(path, weakColumn, strongColumn);
        }

        if (!Directory.Exists(path))
        {
            throw new LocusException(LocusError.Invalid($"no outcome data at {path}: pass a RouteLLM folder (mmlu, gsm8k, mt_bench) or a RouterBench CSV", "data"));
        }

        return RouteLlmLoader.Load(path);
    }
}
