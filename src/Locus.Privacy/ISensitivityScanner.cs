namespace Locus.Privacy;

/// <summary>Finds secrets and personal data in text. Implementations are immutable and safe to share between threads.</summary>
public interface ISensitivityScanner
{
    /// <summary>
    /// Every finding, sorted by <see cref="SensitiveFinding.Start"/> and non-overlapping: where two detectors claim
    /// overlapping text the more specific one wins (a private key block over the base64 lines inside it, an OpenAI key
    /// over a generic high-entropy token).
    /// </summary>
    IReadOnlyList<SensitiveFinding> Scan(string text);

    /// <summary>Whether <see cref="Scan"/> would find anything; stops at the first finding.</summary>
    bool ContainsAny(string text);
}
