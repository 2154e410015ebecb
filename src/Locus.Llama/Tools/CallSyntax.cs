namespace Locus.Llama.Tools;

/// <summary>One piece of a call's markup, as <see cref="ToolCallStreamParser"/> walks it.</summary>
internal abstract record SyntaxStep
{
    /// <summary>Exactly this text.</summary>
    internal sealed record Literal(string Text) : SyntaxStep;

    /// <summary>Any whitespace, including none.</summary>
    internal sealed record Whitespace : SyntaxStep;

    /// <summary>The tool name: everything up to <paramref name="Terminator"/>, which it consumes.</summary>
    internal sealed record Name(string Terminator) : SyntaxStep;

    /// <summary>Text that does not matter (DeepSeek R1's call type), up to and including <paramref name="Terminator"/>.</summary>
    internal sealed record Skip(string Terminator) : SyntaxStep;

    /// <summary>The arguments as a bare JSON value; when it ends, so does the call.</summary>
    internal sealed record Arguments : SyntaxStep;

    /// <summary>A reader for a whole call (or, for Generic, the whole answer); the flag says whether it only probes.</summary>
    internal sealed record Reader(Func<CallSink, bool, ICallReader> Create) : SyntaxStep;
}

/// <summary>A literal that opens a tool-call region and the steps that come before the first call in it.</summary>
internal sealed record Opener(string Literal, IReadOnlyList<SyntaxStep> Prelude);

/// <summary>What may follow a call: another call (<paramref name="NextCall"/>) or the end of the region.</summary>
internal sealed record Continuation(string Literal, bool NextCall);

/// <summary>
/// How one family's calls are written, as steps: the openers, one call, what may come between calls, and (for
/// families whose calls are bare JSON) the steps for a JSON object at the start of the output.
/// </summary>
internal sealed record CallSyntax(
    IReadOnlyList<Opener> Openers,
    IReadOnlyList<SyntaxStep> Call,
    IReadOnlyList<Continuation> Between,
    IReadOnlyList<SyntaxStep>? Anchored,
    string? Recovery)
{
    private static readonly string[] ArgumentKeys = ["arguments", "parameters"];
    private static readonly SyntaxStep Ws = new SyntaxStep.Whitespace();

    public static CallSyntax For(ToolCallFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Family switch
        {
            ToolCallFamily.Hermes => new(
                [new(ToolCallFormat.HermesOpen, [])],
                [Ws, JsonObjectCall(), Ws, new SyntaxStep.Literal(ToolCallFormat.HermesClose)],
                [],
                null,
                format.RecoveryLiteral),
            ToolCallFamily.Llama3 => new(
                [new(ToolCallFormat.PythonTag, [])],
                [Ws, new SyntaxStep.Reader((sink, _) => new LlamaCallReader(sink))],
                [new(";", true), new(ToolCallFormat.EndOfMessage, false), new(ToolCallFormat.EndOfTurn, false)],
                [JsonObjectCall()],
                format.RecoveryLiteral),
            ToolCallFamily.MistralJsonArray or ToolCallFamily.MistralNamedArgs => new(
                [new(ToolCallFormat.MistralCalls, [])],
                [Ws, new SyntaxStep.Reader((sink, _) => new MistralCallReader(sink))],
                [],
                null,
                format.RecoveryLiteral),
            ToolCallFamily.DeepSeekR1 => DeepSeek(format,
                [
                    new SyntaxStep.Skip(ToolCallFormat.DeepSeekSep), new SyntaxStep.Name("\n"), Ws,
                    new SyntaxStep.Literal("```json"), Ws, new SyntaxStep.Arguments(), Ws, new SyntaxStep.Literal("```"), Ws,
                    new SyntaxStep.Literal(ToolCallFormat.DeepSeekCallEnd),
                ]),
            ToolCallFamily.DeepSeekV31 => DeepSeek(format,
                [
                    new SyntaxStep.Name(ToolCallFormat.DeepSeekSep), Ws, new SyntaxStep.Arguments(), Ws,
                    new SyntaxStep.Literal(ToolCallFormat.DeepSeekCallEnd),
                ]),
            ToolCallFamily.Generic => new(
                [],
                [],
                [],
                [new SyntaxStep.Reader((sink, _) => new GenericEnvelopeReader(sink))],
                format.RecoveryLiteral),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format.Family, "Unknown tool-call family."),
        };
    }

    private static SyntaxStep.Reader JsonObjectCall() =>
        new SyntaxStep.Reader((sink, probe) => new CallObjectReader(sink, ArgumentKeys, probe));

    private static CallSyntax DeepSeek(ToolCallFormat format, IReadOnlyList<SyntaxStep> call) => new(
        [
            new(ToolCallFormat.DeepSeekCallsBegin, [Ws, new SyntaxStep.Literal(ToolCallFormat.DeepSeekCallBegin)]),
            new(ToolCallFormat.DeepSeekCallBegin, []),
        ],
        call,
        [new(ToolCallFormat.DeepSeekCallBegin, true), new(ToolCallFormat.DeepSeekCallsEnd, false)],
        null,
        format.RecoveryLiteral);
}
