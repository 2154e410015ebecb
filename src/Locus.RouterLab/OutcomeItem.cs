namespace Locus.RouterLab;

/// <summary>One prompt with how well the weak and the strong model answered it.</summary>
/// <param name="Prompt">The user prompt as the models saw it.</param>
/// <param name="Group">Subject, category or source (MMLU subject, MT-Bench category, RouterBench eval_name).</param>
/// <param name="WeakQuality">0..1 (correctness, or MT-Bench judge score / 10).</param>
/// <param name="StrongQuality">0..1.</param>
/// <param name="WeakCost">USD the weak model's answer cost, where the data records it (RouterBench).</param>
/// <param name="StrongCost">USD the strong model's answer cost, where recorded.</param>
public sealed record OutcomeItem(string Prompt, string Group, double WeakQuality, double StrongQuality, double? WeakCost = null, double? StrongCost = null);
