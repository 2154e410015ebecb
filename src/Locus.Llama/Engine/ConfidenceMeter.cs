using Locus.Core.Abstractions;

namespace Locus.Llama.Engine;

/// <summary>Accumulates per-token beliefs of one generation into its <see cref="GenerationConfidence"/>.</summary>
internal sealed class ConfidenceMeter
{
    private int _tokens;
    private double _logProbSum;
    private double _minLogProb;
    private double _entropySum;

    public void Add(TokenBelief belief)
    {
        _tokens++;
        _logProbSum += belief.LogProb;
        _entropySum += belief.Entropy;
        _minLogProb = Math.Min(_minLogProb, belief.LogProb);
    }

    public GenerationConfidence Summary() => _tokens == 0
        ? new GenerationConfidence(0, 0, 0, 0)
        : new GenerationConfidence(_tokens, _logProbSum / _tokens, _minLogProb, _entropySum / _tokens);
}
