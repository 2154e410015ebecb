namespace Locus.Privacy.Detectors;

/// <summary>Issuer identification number ranges and lengths of the major card networks.</summary>
internal static class CardNetworks
{
    public static bool IsKnown(ReadOnlySpan<char> digits)
    {
        var length = digits.Length;
        var two = Prefix(digits, 2);
        var three = Prefix(digits, 3);
        var four = Prefix(digits, 4);
        return digits[0] switch
        {
            '4' => length is 13 or 16 or 19,                                                   // Visa
            '5' => (two is >= 51 and <= 55 && length == 16)                                     // Mastercard
                || (four is 5018 or 5020 or 5038 or 5893),                                      // Maestro
            '2' => (four is >= 2221 and <= 2720 && length == 16)                                // Mastercard 2-series
                || (four is >= 2200 and <= 2204 && length >= 16),                               // Mir
            '3' => (two is 34 or 37 && length == 15)                                            // Amex
                || ((three is >= 300 and <= 305 || two is 36 or 38 or 39) && length >= 14)       // Diners
                || (four is >= 3528 and <= 3589 && length >= 16),                               // JCB
            '6' => ((four == 6011 || three is >= 644 and <= 649 || two == 65) && length >= 16)  // Discover
                || (two == 62 && length >= 16)                                                  // UnionPay
                || four is 6304 or 6759 or 6761 or 6762 or 6763,                                // Maestro
            _ => false,
        };
    }

    private static int Prefix(ReadOnlySpan<char> digits, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value * 10) + (digits[i] - '0');
        }

        return value;
    }
}
