namespace Locus.Routing.Ensembles;

/// <summary>How a tier-2 ensemble decides whether its answers agree.</summary>
public enum AgreementMeasure
{
    /// <summary>Vote when every answer is a short answer (a letter, a number, yes/no, a short phrase), else similarity.</summary>
    Auto,

    /// <summary>Share of answers equal to the most common one (after short-answer normalisation).</summary>
    Vote,

    /// <summary>Mean pairwise word-set similarity; the answer closest to the others is returned.</summary>
    Similarity,
}
