namespace Locus.Privacy.Tests;

public sealed class CardAndIbanTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111")] // Visa test number, 4-4-4-4
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4222222222222")] // Visa, 13 digits
    [InlineData("5555555555554444")] // Mastercard 51-55
    [InlineData("2223 0031 2200 3222")] // Mastercard 2-series
    [InlineData("3782 822463 10005")] // Amex 4-6-5
    [InlineData("378282246310005")]
    [InlineData("6011 1111 1111 1117")] // Discover
    [InlineData("3530 1113 3330 0000")] // JCB
    [InlineData("3056 930902 5904")] // Diners 4-6-4
    [InlineData("6200 0000 0000 0005")] // UnionPay
    public void Scan_ValidCard_FoundExactly(string card)
    {
        var text = $"Pay with {card}, thanks.";

        Assert.Equal([$"card_number:{card}"], Findings.Describe(text));
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")] // Luhn fails
    [InlineData("9111 1111 1111 1118")] // Luhn ok, no such network
    [InlineData("4111-1111 1111-1111")] // mixed separators
    [InlineData("41111 11111 111111")] // not a printed grouping
    [InlineData("34111111111111111")] // Amex prefix, wrong length
    [InlineData("ID 141111111111111110")] // part of a longer number
    [InlineData("v4.111111111111111")] // glued to a version
    public void Scan_CardLookAlike_NoCard(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.CardNumber);
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("BE68 5390 0754 7034")]
    [InlineData("CH93 0076 2011 6238 5295 7")]
    [InlineData("NO93 8601 1117 947")]
    [InlineData("MT84 MALT 0110 0001 2345 MTLC AST0 01S")]
    [InlineData("ES91 2100 0418 4502 0005 1332")]
    public void Scan_ValidIban_FoundExactly(string iban)
    {
        var text = $"IBAN: {iban}. Reference 42.";

        Assert.Equal([$"iban:{iban}"], Findings.Describe(text));
    }

    [Theory]
    [InlineData("DE88 3704 0044 0532 0130 00")] // checksum
    [InlineData("DE89 3704 0044 0532 0130")] // too short for DE
    [InlineData("DE89 3704 0044 0532 0130 001")] // too long for DE
    [InlineData("XX89 3704 0044 0532 0130 00")] // no such country
    [InlineData("de89 3704 0044 0532 0130 00")] // lower case is not accepted
    [InlineData("DE89 370 40044 0532 0130 00")] // groups not of four
    public void Scan_IbanLookAlike_NoIban(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.Iban);
    }
}
