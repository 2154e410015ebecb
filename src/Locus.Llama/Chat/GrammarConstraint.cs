namespace Locus.Llama.Chat;

/// <summary>
/// A GBNF grammar that constrains what a generation may produce (structured output, tool calls).
/// </summary>
/// <param name="Grammar">The GBNF rules; <paramref name="Root"/> is the start rule.</param>
/// <param name="Root">The start rule's name.</param>
/// <param name="TriggerPatterns">
/// Lazy grammars only: regular expressions matched from the start of the output; the grammar applies from the first
/// capture group of the first one that matches (a tool call's opener), and the text before it is free.
/// </param>
/// <param name="TriggerTokens">Lazy grammars only: tokens that switch the grammar on when sampled (a call opener that is one special token).</param>
internal sealed record GrammarConstraint(
    string Grammar,
    string Root = "root",
    IReadOnlyList<string>? TriggerPatterns = null,
    IReadOnlyList<int>? TriggerTokens = null)
{
    /// <summary>Free text until a trigger, constrained after it.</summary>
    public bool IsLazy => TriggerPatterns is { Count: > 0 } || TriggerTokens is { Count: > 0 };
}
