namespace Locus.Llama.Tools;

/// <summary>
/// A grammar for tool calls and how to apply it. When <see cref="Lazy"/> the sampler runs free until one of the
/// triggers fires (llama_sampler_init_grammar_lazy_patterns: the patterns and the trigger tokens' ids), and the grammar
/// is fed from the trigger on; otherwise it constrains the output from its first token.
/// </summary>
internal sealed record ToolCallGrammarPlan(
    string Grammar,
    bool Lazy,
    IReadOnlyList<string> TriggerPatterns,
    IReadOnlyList<string> TriggerTokenTexts);
