namespace Locus.RouterLab.Ensembles;

/// <summary>A fixed set of local models answering together; listed largest first, so a tied vote goes to the larger model.</summary>
public sealed record MemberSet(string Name, IReadOnlyList<string> Models);

/// <summary>What an ensemble evaluation compares: a local pool, the frontier model, the member sets and the thresholds swept.</summary>
public sealed record EnsembleSetup(IReadOnlyList<string> Pool, string Frontier, IReadOnlyList<MemberSet> Sets, IReadOnlyList<double> Thresholds)
{
    private const string Llama70 = "meta/llama-2-70b-chat", Mixtral = "mistralai/mixtral-8x7b-chat", Yi34 = "zero-one-ai/Yi-34B-Chat";
    private const string CodeLlama34 = "meta/code-llama-instruct-34b-chat", Wizard13 = "WizardLM/WizardLM-13B-V1.2", Mistral7 = "mistralai/mistral-7b-chat";

    /// <summary>
    /// RouterBench's six open-weight models against gpt-4-1106-preview. The member sets are chosen a priori by size
    /// (parameters: 70B, 46.7B, 34.4B, 33.7B, 13B, 7.3B), not by scores on this data, which would be data snooping:
    /// the three largest (what a strong local box runs), the three smallest (what a small one runs) and all six.
    /// </summary>
    public static EnsembleSetup RouterBench { get; } = new(
        [Llama70, Mixtral, Yi34, CodeLlama34, Wizard13, Mistral7],
        "gpt-4-1106-preview",
        [
            new("largest-3", [Llama70, Mixtral, Yi34]),
            new("smallest-3", [CodeLlama34, Wizard13, Mistral7]),
            new("all-6", [Llama70, Mixtral, Yi34, CodeLlama34, Wizard13, Mistral7]),
        ],
        [0.2, 0.4, 0.6, 0.8, 1.0]);

    /// <summary>Every model whose columns are read: the pool, then the frontier model.</summary>
    public IReadOnlyList<string> Models => [.. Pool, Frontier];
}
