using System.Text;

namespace Locus.Llama.Tools;

/// <summary>
/// Where the call readers report what they find. It numbers the calls, keeps each call's arguments text, and
/// merges adjacent text (and adjacent argument pieces) into one event, since the readers work a character at a time.
/// </summary>
internal sealed class CallSink
{
    private readonly List<ParsedEvent> _events = [];
    private readonly StringBuilder _arguments = new();
    private readonly StringBuilder _run = new();
    private bool _runIsText;

    /// <summary>The index the current (or next) call has.</summary>
    public int Index { get; private set; }

    /// <summary>Whether a <see cref="CallStarted"/> was sent and its <see cref="CallEnded"/> not yet.</summary>
    public bool CallOpen { get; private set; }

    public void Text(string text) => Run(text, isText: true);

    public void Text(char c) => Run(c, isText: true);

    public void Start(string name)
    {
        Add(new CallStarted(Index, name));
        CallOpen = true;
        _arguments.Clear();
    }

    public void Arguments(string json)
    {
        _arguments.Append(json);
        Run(json, isText: false);
    }

    public void Arguments(char c)
    {
        _arguments.Append(c);
        Run(c, isText: false);
    }

    public void End(string? id)
    {
        Add(new CallEnded(Index, _arguments.ToString(), id));
        CallOpen = false;
        Index++;
    }

    public void Malformed(string raw, string reason)
    {
        Add(new MalformedCall(CallOpen ? Index : null, raw, reason));
        if (CallOpen)
        {
            CallOpen = false;
            Index++;
        }
    }

    /// <summary>Takes the events so far.</summary>
    public IReadOnlyList<ParsedEvent> Drain()
    {
        FlushRun();
        var events = _events.ToArray();
        _events.Clear();
        return events;
    }

    private void Run(string s, bool isText)
    {
        if (s.Length == 0)
        {
            return;
        }

        StartRun(isText);
        _run.Append(s);
    }

    private void Run(char c, bool isText)
    {
        StartRun(isText);
        _run.Append(c);
    }

    private void StartRun(bool isText)
    {
        if (_run.Length > 0 && _runIsText != isText)
        {
            FlushRun();
        }

        _runIsText = isText;
    }

    private void Add(ParsedEvent e)
    {
        FlushRun();
        _events.Add(e);
    }

    private void FlushRun()
    {
        if (_run.Length == 0)
        {
            return;
        }

        _events.Add(_runIsText ? new TextDelta(_run.ToString()) : new ArgumentsDelta(Index, _run.ToString()));
        _run.Clear();
    }
}
