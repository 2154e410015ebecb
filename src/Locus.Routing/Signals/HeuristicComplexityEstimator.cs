using System.Buffers;
using System.Globalization;
using Locus.Routing.Policy;

namespace Locus.Routing.Signals;

/// <summary>
/// A first complexity estimate from surface features: size, conversation depth, code and multi-file markers, the task's
/// wording and tool use. Each feature adds (or removes) a bounded amount so that the explanation can list them.
/// </summary>
public sealed class HeuristicComplexityEstimator : IComplexityEstimator
{
    private const double Base = 0.2;

    // Wording that signals reasoning-heavy, high-stakes or open-ended work.
    private static readonly SearchValues<string> HardWords = SearchValues.Create(
    [
        "prove", "proof", "derive", "design", "architect", "refactor", "optimi", "debug", "root cause", "analy",
        "trade-off", "tradeoff", "step by step", "compare", "evaluate", "security", "vulnerab", "concurren",
        "race condition", "algorithm", "complexity of", "legal", "contract", "diagnos", "strategy", "research",
        "migrate", "why does", "explain why", "plan ",
    ], StringComparison.OrdinalIgnoreCase);

    // Wording of quick, well-bounded tasks the fast path handles well.
    private static readonly SearchValues<string> EasyWords = SearchValues.Create(
    [
        "translate", "typo", "rename", "autocomplete", "complete this", "what is", "what's", "define ", "spell",
        "capital of", "convert", "format this", "one sentence", "one word", "yes or no", "summarize in", "tl;dr",
        "lookup", "look up", "fix the indentation",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> CodeMarkers = SearchValues.Create(
    [
        "```", "def ", "class ", "function ", "public ", "private ", "import ", "#include", "=> ", "};", "fn ", "func ",
        "SELECT ", "const ", "return ",
    ], StringComparison.Ordinal);

    private static readonly SearchValues<string> FileMarkers = SearchValues.Create(
    [
        "diff --git", "+++ b/", ".cs\n", ".py\n", ".ts\n", ".js\n", ".go\n", ".rs\n", ".java\n", ".cpp\n", ".h\n",
        ".cs:", ".py:", ".ts:", ".js:", ".go:", ".rs:", ".java:", ".cs`", ".py`", ".ts`", ".js`", ".go`", ".rs`",
    ], StringComparison.Ordinal);

    public ComplexityEstimate Estimate(RoutingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var factors = new List<string>(6);
        var score = Base;

        // Size: log-scaled from ~100 tokens (nothing) to ~16k (+0.3).
        // The request's own size: injected memory makes the prompt longer, not the task harder.
        var tokens = input.MessageTokens;
        var size = Math.Clamp(Math.Log2(Math.Max(tokens, 1) / 100.0) / Math.Log2(160), 0, 1) * 0.3;
        score += Add(factors, size, $"~{tokens.ToString("N0", CultureInfo.InvariantCulture)} prompt tokens");

        if (input.UserTurns >= 4)
        {
            score += Add(factors, Math.Min(0.1, 0.02 * input.UserTurns), $"{input.UserTurns} user turns");
        }

        var text = input.LastUserText.AsSpan();
        var code = Count(input.AllText, CodeMarkers, 8);
        if (code > 0)
        {
            score += Add(factors, 0.05 + 0.02 * code, "code");
        }

        var files = Count(input.AllText, FileMarkers, 6);
        if (files >= 2)
        {
            score += Add(factors, 0.05 * files, $"{files} file markers");
        }

        var hard = Count(text, HardWords, 4);
        if (hard > 0)
        {
            score += Add(factors, 0.12 * hard, "reasoning-heavy wording");
        }

        var easy = Count(text, EasyWords, 2);
        if (easy > 0 && hard == 0)
        {
            score += Add(factors, -0.12 * easy, "quick-task wording");
        }

        if (input.HasTools || input.HasToolHistory)
        {
            score += Add(factors, 0.2, "tool use");
        }

        if (input.MaxOutputTokens is > 1500)
        {
            score += Add(factors, 0.1, "long answer requested");
        }

        return new ComplexityEstimate(Math.Clamp(score, 0, 1), factors);
    }

    private static double Add(List<string> factors, double amount, string what)
    {
        if (Math.Abs(amount) >= 0.005)
        {
            factors.Add(string.Create(CultureInfo.InvariantCulture, $"{what} ({amount:+0.00;-0.00})"));
        }

        return amount;
    }

    /// <summary>Occurrences of any of <paramref name="values"/>, stopping at <paramref name="cap"/>.</summary>
    private static int Count(ReadOnlySpan<char> text, SearchValues<string> values, int cap)
    {
        var count = 0;
        while (count < cap)
        {
            var index = text.IndexOfAny(values);
            if (index < 0)
            {
                break;
            }

            count++;
            text = text[(index + 1)..];
        }

        return count;
    }
}
