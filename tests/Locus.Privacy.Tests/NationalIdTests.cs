namespace Locus.Privacy.Tests;

public sealed class NationalIdTests
{
    [Theory]
    [InlineData("SSN 078-05-1120 on file", "us_ssn", "078-05-1120")]
    [InlineData("NI number AB123456C.", "uk_nino", "AB123456C")]
    [InlineData("NI number AB 12 34 56 C.", "uk_nino", "AB 12 34 56 C")]
    [InlineData("BSN: 111222333", "nl_bsn", "111222333")]
    [InlineData("burgerservicenummer 123456782.", "nl_bsn", "123456782")]
    [InlineData("DNI 12345678Z", "es_dni", "12345678Z")]
    [InlineData("DNI 12345678-Z", "es_dni", "12345678-Z")]
    [InlineData("NIE X1234567L", "es_dni", "X1234567L")]
    [InlineData("card 2345 6789 0124", "in_aadhaar", "2345 6789 0124")]
    [InlineData("Aadhaar no. 234567890124", "in_aadhaar", "234567890124")]
    public void Scan_NationalId_FoundWithDetector(string text, string detector, string value)
    {
        var finding = Findings.Single(text);

        Assert.Equal((SensitiveKind.NationalId, detector, value), (finding.Kind, finding.Detector, Findings.ValueOf(text, finding)));
    }

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("900-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    [InlineData("A123-45-6789")]
    [InlineData("123-45-6789-1")]
    [InlineData("QQ 12 34 56 C")] // HMRC's documentation prefix
    [InlineData("GB123456A")] // GB prefix is never issued
    [InlineData("DA123456A")] // D is not a first letter
    [InlineData("AB123456E")] // suffix must be A-D
    [InlineData("ticket 111222333")] // valid 11-test, but no BSN label
    [InlineData("BSN: 111222334")] // label, bad 11-test
    [InlineData("12345678A")] // wrong DNI letter
    [InlineData("2345 6789 0123")] // Verhoeff fails
    [InlineData("1234 5678 9012")] // Aadhaar never starts with 0 or 1
    [InlineData("account 234567890124")] // valid Verhoeff, bare, no label
    public void Scan_NationalIdLookAlike_NoNationalId(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.NationalId);
    }
}
