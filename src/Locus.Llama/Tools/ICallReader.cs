namespace Locus.Llama.Tools;

/// <summary>What a call reader made of one character.</summary>
internal enum ReadResult
{
    /// <summary>Consumed; the call goes on.</summary>
    Continue,

    /// <summary>Consumed; the call is complete.</summary>
    Done,

    /// <summary>The call was complete before this character, which the caller must process itself.</summary>
    DoneBefore,

    /// <summary>The text cannot be a call of this syntax (see <see cref="ICallReader.Failure"/>).</summary>
    Failed,

    /// <summary>Probing only: this JSON is not a tool call at all, so the text so far is ordinary content.</summary>
    NotACall,
}

/// <summary>Reads one tool call (or a group of them) a character at a time, reporting to a <see cref="CallSink"/>.</summary>
internal interface ICallReader
{
    ReadResult Feed(char c);

    /// <summary>Why the last <see cref="ReadResult.Failed"/> happened.</summary>
    string? Failure { get; }

    /// <summary>Whether the text has been recognised as a tool call (before this, a probe may still say NotACall).</summary>
    bool Committed { get; }

    /// <summary>The output ended: true when the call happens to be complete (e.g. a trailing bare number).</summary>
    bool TryFinish();
}
