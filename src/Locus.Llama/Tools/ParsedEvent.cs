namespace Locus.Llama.Tools;

/// <summary>One thing <see cref="ToolCallStreamParser"/> found in the model's output.</summary>
internal abstract record ParsedEvent;

/// <summary>Ordinary content for the user (never tool-call markup).</summary>
internal sealed record TextDelta(string Text) : ParsedEvent;

/// <summary>A call of tool <paramref name="Name"/> begins; its index counts the calls of this output from 0.</summary>
internal sealed record CallStarted(int Index, string Name) : ParsedEvent;

/// <summary>More of call <paramref name="Index"/>'s arguments JSON, exactly as the model wrote it.</summary>
internal sealed record ArgumentsDelta(int Index, string Json) : ParsedEvent;

/// <summary>
/// Call <paramref name="Index"/> is complete: <paramref name="ArgumentsJson"/> is the concatenation of its
/// <see cref="ArgumentsDelta"/>s; <paramref name="Id"/> is the call id the model wrote (Mistral), if any.
/// </summary>
internal sealed record CallEnded(int Index, string ArgumentsJson, string? Id = null) : ParsedEvent;

/// <summary>
/// A tool call that could not be read: broken syntax, or cut off when the output ended (max_tokens). Its markup
/// is reported here, never as text. <paramref name="Index"/> is set when a <see cref="CallStarted"/> was already
/// sent for it (and no <see cref="CallEnded"/> will follow); null when the call broke before its name was known.
/// </summary>
internal sealed record MalformedCall(int? Index, string RawText, string Reason) : ParsedEvent;
