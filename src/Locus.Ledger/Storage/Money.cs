using System.Globalization;

namespace Locus.Ledger.Storage;

/// <summary>
/// Money is stored as the decimal's invariant text, which keeps every digit (a price per token can have ten or more
/// decimal places, beyond integer micro-dollars), and summed in SQL by <see cref="DecimalFunctions"/>, so totals are exact.
/// </summary>
internal static class Money
{
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
}
