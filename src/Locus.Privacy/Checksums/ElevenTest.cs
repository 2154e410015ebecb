namespace Locus.Privacy.Checksums;

/// <summary>The Dutch "elfproef" for a 9-digit BSN: weights 9..2 on the first eight digits, -1 on the last, sum divisible by 11.</summary>
internal static class ElevenTest
{
    public static bool IsValidBsn(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9 || digits.IndexOfAnyExcept('0') < 0)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (digits[i] - '0') * (9 - i);
        }

        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }
}
