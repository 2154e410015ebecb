using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;
using Locus.Llama.Chat;

namespace Locus.Llama.Engine;

/// <summary>One generation: tokens in, text out through <see cref="OnText"/>.</summary>
/// <param name="PromptTokens">The full prompt, already templated and tokenized.</param>
/// <param name="Sampling">How to pick tokens.</param>
/// <param name="MaxTokens">Most tokens to generate; null = until the context is full.</param>
/// <param name="StopSequences">Texts that end generation (not emitted).</param>
/// <param name="OnText">Receives each piece of visible text as soon as it is safe to emit; called on the generation thread.</param>
/// <param name="IgnoreEndOfGeneration">Keep going past end-of-generation tokens (benchmarks need exactly MaxTokens).</param>
/// <param name="MeasureConfidence">Measure each generated token's log probability and entropy (a pass over the vocabulary per token).</param>
/// <param name="ReusePrefix">Start from the longest prefix a slot's KV cache already holds (false: evaluate the whole prompt).</param>
/// <param name="Grammar">Constrains the output to a grammar (structured output, tool calls); null = free text.</param>
/// <param name="RenderSpecialTokens">
/// Emit the text of special tokens the model generates (a tool-call opener such as <c>&lt;tool_call&gt;</c> may be one),
/// so a parser can see them; end-of-generation tokens still end generation unseen.
/// </param>
internal sealed record GenerationRequest(
    int[] PromptTokens,
    SamplingSettings Sampling,
    int? MaxTokens,
    IReadOnlyList<string> StopSequences,
    Action<string> OnText,
    bool IgnoreEndOfGeneration = false,
    bool MeasureConfidence = false,
    bool ReusePrefix = true,
    GrammarConstraint? Grammar = null,
    bool RenderSpecialTokens = false);

/// <summary>How a generation ended, with token counts and timings (for usage and benchmarks).</summary>
/// <param name="StopSequence">The stop sequence that ended it, if one did.</param>
/// <param name="Confidence">The model's confidence in what it generated, when the request asked for it.</param>
/// <param name="CachedPromptTokens">Prompt tokens found already in the KV cache and not evaluated again.</param>
internal sealed record GenerationResult(
    ChatFinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan PromptEvalTime,
    TimeSpan GenerationTime,
    string? StopSequence = null,
    GenerationConfidence? Confidence = null,
    int CachedPromptTokens = 0)
{
    /// <summary>Time spent picking tokens (the sampler chain, a grammar included), for the grammar-cost benchmark.</summary>
    public TimeSpan SamplingTime { get; init; }

    /// <summary>Tokens the grammar rejected after the sampler chain picked them, so the whole vocabulary was masked and picked again.</summary>
    public int GrammarResamples { get; init; }
}
