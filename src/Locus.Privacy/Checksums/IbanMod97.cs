namespace Locus.Privacy.Checksums;

/// <summary>ISO 7064 MOD 97-10 as IBANs use it: country and check digits moved to the end, letters as 10..35.</summary>
internal static class IbanMod97
{
    /// <param name="compact">The IBAN without spaces, upper case: 2 letters, 2 digits, alphanumeric BBAN.</param>
    public static bool IsValid(ReadOnlySpan<char> compact)
    {
        if (compact.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        remainder = Append(remainder, compact[4..]);
        remainder = Append(remainder, compact[..4]);
        return remainder == 1;
    }

    private static int Append(int remainder, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                // A letter is two digits (A = 10 ... Z = 35).
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder;
    }
}
