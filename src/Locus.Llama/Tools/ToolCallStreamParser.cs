using System.Text;

namespace Locus.Llama.Tools;

/// <summary>
/// Splits one model output, as it streams, into user text and tool calls in the family's syntax (one parser per
/// request). It works a character at a time, so how the text is cut into pieces never changes what it finds.
/// <list type="bullet">
/// <item>Text that might be the start of an opener ("&lt;tool" before "_call&gt;") is held back until it is
/// known; call markup never comes out as text. Whitespace between calls (and after the last) is dropped.</item>
/// <item>Arguments stream as <see cref="ArgumentsDelta"/> exactly as written, once the tool name is known (held
/// until then when the arguments come first); <see cref="CallEnded"/> carries the whole arguments text.</item>
/// <item>A call that breaks, or that the output cuts off (max_tokens), is reported as <see cref="MalformedCall"/>
/// with its raw text: never as text, never silently dropped. Where the family has a closing literal the parser
/// resumes after it; otherwise the rest of the output belongs to the broken call.</item>
/// <item>Families whose calls are bare JSON (Llama 3, Generic) recognise them only at the start of the output or
/// right after another call, where the lazy grammar's trigger also looks; JSON that turns out not to be a call
/// (its first key is no call key) is given back as text.</item>
/// </list>
/// </summary>
internal sealed class ToolCallStreamParser
{
    private const int MaxNameLength = 256;

    private enum Mode { Text, Program, Between, Malformed }

    private readonly CallSyntax _syntax;
    private readonly CallSink _sink = new();
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _heldWhitespace = new();
    private readonly StringBuilder _raw = new();
    private readonly StringBuilder _stepText = new();
    private readonly StringBuilder _between = new();
    private readonly StringBuilder _betweenWhitespace = new();
    private Mode _mode = Mode.Text;
    private bool _afterCall;
    private bool _anchorOpen = true;
    private bool _finished;

    private IReadOnlyList<SyntaxStep> _steps = [];
    private int _stepIndex;
    private int _literalPos;
    private JsonValueScanner? _scanner;
    private ICallReader? _reader;
    private bool _probing;
    private string _regionWhitespace = "";
    private int _indexAtProgramStart;
    private string _failure = "";

    public ToolCallStreamParser(ToolCallFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
        _syntax = CallSyntax.For(format);
    }

    public ToolCallFormat Format { get; }

    /// <summary>Takes the next piece of generated text; returns what it completes.</summary>
    public IReadOnlyList<ParsedEvent> Feed(string textPiece)
    {
        ArgumentNullException.ThrowIfNull(textPiece);
        if (_finished)
        {
            throw new InvalidOperationException("The parser has finished; start a new one for the next output.");
        }

        foreach (var c in textPiece)
        {
            Step(c);
        }

        return _sink.Drain();
    }

    /// <summary>The output is over: releases held-back text and reports any call left unfinished.</summary>
    public IReadOnlyList<ParsedEvent> Finish()
    {
        if (_finished)
        {
            return [];
        }

        _finished = true;
        switch (_mode)
        {
            case Mode.Program:
                FinishProgram();
                break;
            case Mode.Malformed:
                _sink.Malformed(_raw.ToString(), _failure);
                break;
        }

        if (_mode == Mode.Text)
        {
            var pending = _pending.ToString();
            _pending.Clear();
            foreach (var c in pending)
            {
                EmitText(c);
            }

            if (!_afterCall)
            {
                _sink.Text(_heldWhitespace.ToString());
            }
        }

        return _sink.Drain();
    }

    private void Step(char c)
    {
        switch (_mode)
        {
            case Mode.Text:
                TextChar(c);
                break;
            case Mode.Program:
                _raw.Append(c);
                ProgramChar(c);
                break;
            case Mode.Between:
                BetweenChar(c);
                break;
            case Mode.Malformed:
                _raw.Append(c);
                if (_syntax.Recovery is { } recovery && EndsWith(_raw, recovery))
                {
                    _sink.Malformed(_raw.ToString(), _failure);
                    EndRegion();
                }

                break;
        }
    }

    private void TextChar(char c)
    {
        if (_pending.Length == 0 && c == '{' && _anchorOpen && _syntax.Anchored is { } anchored)
        {
            BeginRegion(anchored, probing: true);
            _raw.Append(c);
            ProgramChar(c);
            return;
        }

        _pending.Append(c);
        while (_pending.Length > 0)
        {
            var held = _pending.ToString();
            var opener = _syntax.Openers.FirstOrDefault(o => o.Literal == held);
            if (opener is not null)
            {
                _pending.Clear();
                BeginRegion([.. opener.Prelude, .. _syntax.Call], probing: false);
                _raw.Append(held);
                return;
            }

            if (_syntax.Openers.Any(o => o.Literal.StartsWith(held, StringComparison.Ordinal)))
            {
                return;
            }

            _pending.Remove(0, 1);
            EmitText(held[0]);
        }
    }

    /// <summary>Whitespace after a call, or where a bare-JSON call may still come, waits to see what follows it.</summary>
    private void EmitText(char c)
    {
        if (char.IsWhiteSpace(c) && (_afterCall || (_anchorOpen && _syntax.Anchored is not null)))
        {
            _heldWhitespace.Append(c);
            return;
        }

        _sink.Text(_heldWhitespace.ToString());
        _heldWhitespace.Clear();
        _sink.Text(c);
        _afterCall = false;
        _anchorOpen = false;
    }

    private void BeginRegion(IReadOnlyList<SyntaxStep> steps, bool probing)
    {
        _regionWhitespace = _heldWhitespace.ToString();
        _heldWhitespace.Clear();
        _probing = probing;
        StartProgram(steps);
    }

    private void StartProgram(IReadOnlyList<SyntaxStep> steps)
    {
        _mode = Mode.Program;
        _steps = steps;
        _stepIndex = -1;
        _raw.Clear();
        _indexAtProgramStart = _sink.Index;
        NextStep();
    }

    private void NextStep()
    {
        _stepIndex++;
        _literalPos = 0;
        _stepText.Clear();
        _scanner = null;
        _reader = null;
        if (_stepIndex < _steps.Count)
        {
            return;
        }

        _mode = Mode.Between;
        _between.Clear();
        _betweenWhitespace.Clear();
        if (_syntax.Between.Count == 0)
        {
            EndRegion();
        }
    }

    private void EndRegion()
    {
        _mode = Mode.Text;
        _afterCall = true;
        _anchorOpen = true;
        _probing = false;
        _raw.Clear();
    }

    /// <summary>Processes a character already recorded in the raw text of the call region.</summary>
    private void ProgramChar(char c)
    {
        switch (_steps[_stepIndex])
        {
            case SyntaxStep.Literal literal:
                if (c != literal.Text[_literalPos])
                {
                    Fail($"expected \"{literal.Text}\"");
                }
                else if (++_literalPos == literal.Text.Length)
                {
                    NextStep();
                }

                break;

            case SyntaxStep.Whitespace:
                if (!char.IsWhiteSpace(c))
                {
                    NextStep();
                    Reprocess(c);
                }

                break;

            case SyntaxStep.Name name:
                NameChar(c, name.Terminator, isName: true);
                break;

            case SyntaxStep.Skip skip:
                NameChar(c, skip.Terminator, isName: false);
                break;

            case SyntaxStep.Arguments:
                ArgumentsChar(c);
                break;

            case SyntaxStep.Reader reader:
                ReaderChar(c, reader);
                break;
        }
    }

    /// <summary>A character that ended the previous step belongs to whatever comes next.</summary>
    private void Reprocess(char c)
    {
        switch (_mode)
        {
            case Mode.Program:
                ProgramChar(c);
                break;
            case Mode.Between:
                BetweenChar(c);
                break;
            default:
                // The region ended (no continuations): the character is ordinary output again.
                TextChar(c);
                break;
        }
    }

    private void NameChar(char c, string terminator, bool isName)
    {
        _stepText.Append(c);
        if (!EndsWith(_stepText, terminator))
        {
            if (_stepText.Length > MaxNameLength + terminator.Length)
            {
                Fail($"no \"{terminator}\" after the tool name");
            }

            return;
        }

        if (!isName)
        {
            NextStep();
            return;
        }

        var toolName = _stepText.ToString(0, _stepText.Length - terminator.Length).Trim();
        if (toolName.Length == 0 || toolName.Any(char.IsWhiteSpace))
        {
            Fail($"\"{toolName}\" is not a tool name");
            return;
        }

        _sink.Start(toolName);
        NextStep();
    }

    private void ArgumentsChar(char c)
    {
        _scanner ??= new JsonValueScanner();
        switch (_scanner.Feed(c))
        {
            case ScanResult.Invalid:
                Fail("the arguments are not JSON");
                break;
            case ScanResult.CompleteBefore:
                _sink.End(null);
                NextStep();
                Reprocess(c);
                break;
            case ScanResult.Complete:
                _sink.Arguments(c);
                _sink.End(null);
                NextStep();
                break;
            default:
                _sink.Arguments(c);
                break;
        }
    }

    private void ReaderChar(char c, SyntaxStep.Reader step)
    {
        _reader ??= step.Create(_sink, _probing);
        switch (_reader.Feed(c))
        {
            case ReadResult.Done:
                NextStep();
                break;
            case ReadResult.DoneBefore:
                NextStep();
                Reprocess(c);
                break;
            case ReadResult.NotACall:
                Replay();
                break;
            case ReadResult.Failed:
                Fail(_reader.Failure ?? "not a tool call");
                break;
        }
    }

    private void BetweenChar(char c)
    {
        if (_between.Length == 0 && char.IsWhiteSpace(c))
        {
            _betweenWhitespace.Append(c);
            return;
        }

        _between.Append(c);
        var text = _between.ToString();
        var match = _syntax.Between.FirstOrDefault(b => b.Literal == text);
        if (match is not null)
        {
            if (match.NextCall)
            {
                StartProgram(_syntax.Call);
            }
            else
            {
                EndRegion();
            }

            return;
        }

        if (_syntax.Between.Any(b => b.Literal.StartsWith(text, StringComparison.Ordinal)))
        {
            return;
        }

        var replay = _betweenWhitespace + text;
        EndRegion();
        foreach (var ch in replay)
        {
            TextChar(ch);
        }
    }

    private void Fail(string reason)
    {
        if (_probing && _reader is { Committed: false })
        {
            Replay();
            return;
        }

        _failure = reason;
        _mode = Mode.Malformed;
        if (_syntax.Recovery is { } recovery && EndsWith(_raw, recovery))
        {
            _sink.Malformed(_raw.ToString(), _failure);
            EndRegion();
        }
    }

    /// <summary>What looked like a bare-JSON call is not one: its text goes back through as ordinary output.</summary>
    private void Replay()
    {
        var text = _regionWhitespace + _raw;
        _raw.Clear();
        _mode = Mode.Text;
        _probing = false;
        _anchorOpen = false;
        foreach (var c in text)
        {
            TextChar(c);
        }
    }

    private void FinishProgram()
    {
        if (_probing && _reader is { Committed: false })
        {
            Replay();
            return;
        }

        if (_reader?.TryFinish() == true)
        {
            EndRegion();
            return;
        }

        if (_scanner is { InScalar: true })
        {
            _sink.End(null);
            EndRegion();
            return;
        }

        var callEnded = !_sink.CallOpen && _sink.Index > _indexAtProgramStart;
        if (!callEnded)
        {
            _sink.Malformed(_raw.ToString(), "the output ended inside a tool call");
        }

        EndRegion();
    }

    private static bool EndsWith(StringBuilder sb, string suffix)
    {
        if (sb.Length < suffix.Length)
        {
            return false;
        }

        for (var i = 0; i < suffix.Length; i++)
        {
            if (sb[sb.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}
