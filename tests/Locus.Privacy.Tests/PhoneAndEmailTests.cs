namespace Locus.Privacy.Tests;

public sealed class PhoneAndEmailTests
{
    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+1 415 555 2671")]
    [InlineData("+1-816-555-1212")]
    [InlineData("+4915123456789")]
    [InlineData("+49 (0)30 1234567")]
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("1-800-555-0199")]
    [InlineData("020 7946 0958")]
    [InlineData("07700 900123")]
    [InlineData("030 12345678")]
    [InlineData("0170/1234567")]
    [InlineData("01 23 45 67 89")]
    public void Scan_PhoneNumber_FoundExactly(string phone)
    {
        var text = $"Call me on {phone} tomorrow.";

        Assert.Equal([$"phone:{phone}"], Findings.Describe(text));
    }

    [Theory]
    [InlineData("4155552671")] // bare digits
    [InlineData("2024-03-15")]
    [InlineData("15.03.2024")]
    [InlineData("192.168.100.200")]
    [InlineData("v1.2.3")]
    [InlineData("155-123-4567")] // NANP area codes do not start with 1 (and 0 would be a trunk prefix)
    [InlineData("555-123-4567-89")] // continues as a code
    [InlineData("MA 02110-1301")] // ZIP+4
    [InlineData("<Buffer 01 02 03 04 05>")] // byte dump
    [InlineData("01 02 03 04 05 06 07 08")]
    [InlineData("1+12345678901")]
    public void Scan_PhoneLookAlike_NoPhone(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.Phone);
    }

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("ops+alerts@mail.example.co.uk")]
    [InlineData("J.Smith_99@Example.ORG")]
    [InlineData("x@example.io")]
    public void Scan_Email_FoundExactly(string email)
    {
        var text = $"Write to <{email}>.";

        Assert.Equal([$"email:{email}"], Findings.Describe(text));
    }

    [Theory]
    [InlineData("logo@2x.png")]
    [InlineData("@types/node@20.11.5")]
    [InlineData("postgres@localhost")]
    [InlineData("git@github.com:org/repo.git")]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("user@host.local")]
    [InlineData("a..b@example.com")]
    [InlineData("pkg@next.js")]
    public void Scan_EmailLookAlike_NoEmail(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.Email);
    }
}
