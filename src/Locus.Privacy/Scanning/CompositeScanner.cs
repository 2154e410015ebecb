namespace Locus.Privacy.Scanning;

/// <summary>Runs the enabled detectors over one shared <see cref="ScanContext"/> and resolves their overlaps.</summary>
internal sealed class CompositeScanner : ISensitivityScanner
{
    private readonly IDetector[] detectors;
    private readonly IReadOnlySet<SensitiveKind>? kinds;

    public CompositeScanner(IEnumerable<IDetector> detectors, IReadOnlySet<SensitiveKind>? kinds)
    {
        this.kinds = kinds;
        this.detectors = detectors.Where(d => kinds is null || d.Kinds.Any(kinds.Contains)).ToArray();
    }

    public IReadOnlyList<SensitiveFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = Run(text, stopAtFirst: false);
        return OverlapResolver.Resolve(sink.Candidates);
    }

    public bool ContainsAny(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Run(text, stopAtFirst: true).Candidates.Count > 0;
    }

    private FindingSink Run(string text, bool stopAtFirst)
    {
        var sink = new FindingSink(kinds, stopAtFirst);
        if (text.Length == 0)
        {
            return sink;
        }

        var context = new ScanContext(text);
        foreach (var detector in detectors)
        {
            detector.Detect(context, sink);
            if (sink.IsDone)
            {
                break;
            }
        }

        return sink;
    }
}
