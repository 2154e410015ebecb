namespace Locus.Llama.Tools;

/// <summary>
/// What one model family's tool calls look like, for the grammar builder and the stream parser. Pick one with
/// <see cref="Detect"/> from the chat template's source; the instances are in <c>ToolCallFormat.Known.cs</c>.
/// </summary>
/// <param name="Family">The syntax family.</param>
/// <param name="Openers">Literals that open a tool-call region (the first is the one a grammar writes).</param>
/// <param name="Closers">Literals that close a call or the region (empty where the call simply ends with its JSON).</param>
/// <param name="NameKey">The JSON key holding the tool name, or null where the name is written outside the JSON.</param>
/// <param name="ArgumentsKey">The JSON key holding the arguments object ("arguments" or "parameters"), or null where the
/// arguments are a bare JSON object after markup.</param>
/// <param name="CallsAsArray">Whether several calls are written as one JSON array.</param>
/// <param name="ParallelSeparator">What a grammar writes between two calls (inside the array, or between blocks).</param>
/// <param name="CallIdMarker">The literal before a call id the model writes itself (Mistral Small 3.2's "[CALL_ID]"), if any.</param>
/// <param name="TriggerPatterns">Lazy-grammar triggers: each is matched against the whole output so far (a full match,
/// as llama_sampler_init_grammar_lazy_patterns does) and its first capture group starts where the grammar is fed.</param>
/// <param name="TriggerTokenTexts">Texts of special tokens that also start the grammar (the grammar sees the token's text).</param>
/// <param name="StripTexts">Markup the model may write around calls that must never reach the user as text.</param>
/// <param name="StartAnchored">True where a call is a bare JSON object recognised only at the start of the output (or
/// right after another call) rather than after an opener literal.</param>
/// <param name="RecoveryLiteral">Where a broken call is skipped to, so its markup does not leak as text; null: to the end.</param>
/// <param name="TemplateRendersTools">False for <see cref="ToolCallFamily.Generic"/>: the tools must be described in the
/// system prompt (<see cref="GenericToolPrompt"/>) because the template does not.</param>
internal sealed partial record ToolCallFormat(
    ToolCallFamily Family,
    IReadOnlyList<string> Openers,
    IReadOnlyList<string> Closers,
    string? NameKey,
    string? ArgumentsKey,
    bool CallsAsArray,
    string ParallelSeparator,
    string? CallIdMarker,
    IReadOnlyList<string> TriggerPatterns,
    IReadOnlyList<string> TriggerTokenTexts,
    IReadOnlyList<string> StripTexts,
    bool StartAnchored,
    string? RecoveryLiteral,
    bool TemplateRendersTools);
