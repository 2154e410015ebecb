namespace Locus.Core.Abstractions;

/// <summary>
/// Keys for sampling settings that <c>ChatOptions</c> has no property for; they travel in
/// <c>ChatOptions.AdditionalProperties</c>. Values are numbers (<see cref="float"/> or <see cref="double"/>) unless
/// said otherwise.
/// </summary>
public static class LocusChatOptions
{
    /// <summary>min_p: drop tokens whose probability is below this fraction of the most likely one's (0..1).</summary>
    public const string MinP = "min_p";

    /// <summary>repetition_penalty: llama.cpp's multiplicative repeat penalty (1 = off).</summary>
    public const string RepetitionPenalty = "repetition_penalty";

    /// <summary>
    /// ignore_eos, as llama.cpp's server and vLLM accept it: <c>true</c> (a <see cref="bool"/>) keeps generating past
    /// end-of-generation tokens until max_tokens or a stop sequence (benchmarks that need an exact token count).
    /// Local models only.
    /// </summary>
    public const string IgnoreEos = "ignore_eos";

    /// <summary>
    /// <c>true</c> (a <see cref="bool"/>): measure each generated token's log probability and the entropy of its
    /// distribution, and attach a <see cref="GenerationConfidence"/> to the answer. Off by default: it costs a pass over
    /// the vocabulary per token.
    /// </summary>
    public const string MeasureConfidence = "locus.measure_confidence";

    /// <summary>
    /// An <c>IReadOnlyDictionary&lt;string, string&gt;</c> of HTTP headers to send with this one call, on top of the
    /// target's configured ones (provider targets only; local models ignore it). The router uses it to tell a peer
    /// under which privacy constraint a delegated request travels.
    /// </summary>
    public const string UpstreamHeaders = "locus.upstream_headers";

    /// <summary>
    /// An <c>IReadOnlyDictionary&lt;string, System.Text.Json.JsonElement&gt;</c> of top-level Messages API fields
    /// (thinking, context_management, output_config, metadata, ...) that a client sent in Anthropic's own format and
    /// that only an Anthropic target understands: an Anthropic provider writes them into its request unchanged; every
    /// other backend ignores them (see docs/anthropic.md).
    /// </summary>
    public const string AnthropicFields = "locus.anthropic_fields";

    /// <summary>
    /// The client's <c>anthropic-beta</c> header (a <see cref="string"/>), sent on to Anthropic targets with
    /// <see cref="AnthropicFields"/> (the beta fields need it upstream); other backends ignore it.
    /// </summary>
    public const string AnthropicBeta = "locus.anthropic_beta";

    /// <summary>
    /// <c>true</c> (a <see cref="bool"/>): the request's one user message is a raw prompt (<c>/v1/completions</c>), to
    /// be completed as-is through <see cref="ITextCompletionClient"/>, without a chat template. The router routes it as
    /// a chat message and runs it raw on a target that can; targets that cannot are no candidates.
    /// </summary>
    public const string RawPrompt = "locus.raw_prompt";
}

/// <summary>The HTTP headers by which one Locus node delegates a request to another (see docs/delegation.md).</summary>
public static class DelegationHeaders
{
    /// <summary>Marks a request as delegated; its value names the sending node. The receiver never passes it on to a peer.</summary>
    public const string Delegated = "x-locus-delegated";

    /// <summary>The privacy marking (normal, sensitive, local-only) the receiving node must honour.</summary>
    public const string Privacy = "x-locus-privacy";
}
