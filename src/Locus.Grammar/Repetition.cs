namespace Locus.Grammar;

/// <summary>GBNF for <c>min..max</c> repetitions of an item, optionally separated (llama.cpp's build_repetition).</summary>
internal static class Repetition
{
    /// <param name="maxItems">int.MaxValue for unbounded.</param>
    public static string Build(string itemRule, int minItems, int maxItems, string separatorRule = "")
    {
        var hasMax = maxItems != int.MaxValue;
        if (maxItems == 0)
        {
            return "";
        }

        if (minItems == 0 && maxItems == 1)
        {
            return itemRule + "?";
        }

        if (separatorRule.Length == 0)
        {
            if (minItems == 1 && !hasMax)
            {
                return itemRule + "+";
            }

            if (minItems == 0 && !hasMax)
            {
                return itemRule + "*";
            }

            return itemRule + "{" + minItems + "," + (hasMax ? maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + "}";
        }

        var result = itemRule + " " + Build("(" + separatorRule + " " + itemRule + ")", minItems == 0 ? 0 : minItems - 1, hasMax ? maxItems - 1 : maxItems);
        return minItems == 0 ? "(" + result + ")?" : result;
    }
}
