using System.Globalization;

namespace Locus.Routing.Ensembles;

/// <summary>How far an ensemble's answers agree, and which answer it returns.</summary>
/// <param name="Measure">The measure used: <see cref="AgreementMeasure.Vote"/> or <see cref="AgreementMeasure.Similarity"/> (never Auto).</param>
/// <param name="Score">0..1: the plurality's share (vote) or the mean pairwise similarity.</param>
/// <param name="Chosen">Index of the answer to return: the first answer of the plurality, or the medoid.</param>
/// <param name="Agreeing">Vote: how many answers equal the plurality answer; similarity: all of them.</param>
/// <param name="Count">How many answers there were.</param>
/// <param name="Winner">Vote: the plurality's short answer, or null when it is a long answer voted on as whole text.</param>
public sealed record AgreementResult(AgreementMeasure Measure, double Score, int Chosen, int Agreeing, int Count, ShortAnswer? Winner)
{
    /// <summary>For routing reasons: <c>vote 3/4 agree on "B" (0.75 ≥ 0.60)</c> or <c>similarity 0.72 ≥ 0.60</c>.</summary>
    public string Describe(double threshold)
    {
        var comparison = string.Create(CultureInfo.InvariantCulture, $"{Score:0.00} {(Score >= threshold ? "≥" : "<")} {threshold:0.00}");
        return Measure == AgreementMeasure.Vote
            ? $"vote {Agreeing}/{Count} agree on {Winner?.Display ?? "one text"} ({comparison})"
            : $"similarity {comparison}";
    }
}
