namespace Locus.Llama.Tools;

/// <summary>After &lt;|python_tag|&gt;: a JSON call object, or a built-in tool's <c>name.call(…)</c>.</summary>
internal sealed class LlamaCallReader(CallSink sink) : ICallReader
{
    private static readonly string[] ArgumentKeys = ["parameters", "arguments"];
    private ICallReader? _inner;

    public string? Failure => _inner?.Failure;

    public bool Committed => true;

    public ReadResult Feed(char c)
    {
        _inner ??= c == '{' ? new CallObjectReader(sink, ArgumentKeys, probe: false) : new PythonCallReader(sink);
        return _inner.Feed(c);
    }

    public bool TryFinish() => _inner?.TryFinish() ?? false;
}
