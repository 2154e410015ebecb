namespace Locus.Privacy;

/// <summary>One sensitive value in a scanned text.</summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Detector">The stable snake_case id of the detector that found it (e.g. <c>openai_api_key</c>, <c>us_ssn</c>).</param>
/// <param name="Start">Offset of the value's first char in the scanned text.</param>
/// <param name="Length">Length of the value in chars (the value only, without labels or quotes around it).</param>
public readonly record struct SensitiveFinding(SensitiveKind Kind, string Detector, int Start, int Length)
{
    /// <summary>Offset just past the value.</summary>
    public int End => Start + Length;
}
