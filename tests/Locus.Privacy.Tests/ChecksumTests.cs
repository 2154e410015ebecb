using Locus.Privacy.Checksums;

namespace Locus.Privacy.Tests;

public sealed class ChecksumTests
{
    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    public void Luhn_KnownNumbers(string digits, bool valid) => Assert.Equal(valid, Luhn.IsValid(digits));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82WEST12345698765433", false)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("DE98370400440532013000", false)] // swapped check digits
    public void IbanMod97_KnownIbans(string iban, bool valid) => Assert.Equal(valid, IbanMod97.IsValid(iban));

    [Theory]
    [InlineData("2363", true)]
    [InlineData("2364", false)]
    [InlineData("3263", false)] // transposition caught
    [InlineData("234567890124", true)]
    public void Verhoeff_KnownNumbers(string digits, bool valid) => Assert.Equal(valid, Verhoeff.IsValid(digits));

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    public void ElevenTest_KnownBsns(string digits, bool valid) => Assert.Equal(valid, ElevenTest.IsValidBsn(digits));
}
