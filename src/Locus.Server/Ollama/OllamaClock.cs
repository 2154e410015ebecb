namespace Locus.Server.Ollama;

/// <summary>
/// The durations Ollama reports, in nanoseconds, measured on the server's clock: <c>total_duration</c> from the
/// request's start to its end; <c>prompt_eval_duration</c> until the backend's first output (prompt processing and
/// queueing); <c>eval_duration</c> from there to the end. <c>load_duration</c> is 0: Locus loads its models at start.
/// </summary>
internal sealed class OllamaClock(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long? _firstOutput;

    public void FirstOutput() => _firstOutput ??= time.GetTimestamp();

    public long TotalNanoseconds => Nanoseconds(_started, time.GetTimestamp());

    public long PromptNanoseconds => Nanoseconds(_started, _firstOutput ?? time.GetTimestamp());

    public long EvalNanoseconds => _firstOutput is { } first ? Nanoseconds(first, time.GetTimestamp()) : 0;

    public long StartedAt => _started;

    private long Nanoseconds(long from, long to) => (long)(time.GetElapsedTime(from, to).Ticks * 100);
}
