using System.Globalization;
using Locus.Core.Errors;

namespace Locus.RouterLab.Data;

/// <summary>Correctness cells: True/False (RouteLLM) or a number 0..1 (RouterBench).</summary>
internal static class OutcomeValues
{
    public static double Parse(string cell, string where)
    {
        var text = cell.Trim();
        if (bool.TryParse(text, out var flag))
        {
            return flag ? 1 : 0;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        throw new LocusException(LocusError.Invalid($"{where}: '{cell}' is not a correctness value (True/False or 0..1)"));
    }
}
