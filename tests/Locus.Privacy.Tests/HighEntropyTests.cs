namespace Locus.Privacy.Tests;

public sealed class HighEntropyTests
{
    private const string Token = "Xk7Qp2Lz9Rv4Tw8Nb3Hc6Ym1Jd5Fs0G";

    [Theory]
    [InlineData("webhook value " + Token + " ok", Token)]
    [InlineData("sig=" + Token + "==&x=1", Token + "==")] // base64 padding belongs to it
    [InlineData("https://hooks.example.com/services/T0123/B0456/" + Token, Token)] // a random path segment
    [InlineData("\"" + Token + "\"", Token)]
    public void Scan_GeneratedToken_FoundWithExactSpan(string text, string value)
    {
        var finding = Findings.Single(text);

        Assert.Equal((SensitiveKind.HighEntropySecret, value), (finding.Kind, Findings.ValueOf(text, finding)));
    }

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("3f786850e387550fdab836ed7e6dc881de23001b")]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("getUserAccountByIdentifier2AndRefreshCache")]
    [InlineData("xmlSecGnuTLSKeyDataX509GetCrl")]
    [InlineData("X509_STORE_CTX_get_ex_data")]
    [InlineData("Xk7Qp2Lz9Rv4Tw8N")] // too short
    [InlineData("xk7qp2lz9rv4tw8nb3hc6ym1jd5fs0g")] // no upper case
    [InlineData("integrity sha512-Xk7Qp2Lz9Rv4Tw8Nb3Hc6Ym1Jd5Fs0GXk7Qp2Lz9Rv4Tw8Nb3Hc6Ym1Jd5Fs0G")]
    [InlineData("h1:Xk7Qp2Lz9Rv4Tw8Nb3Hc6Ym1Jd5Fs0GQ2mKp8Lx=")]
    [InlineData("data:image/png;base64,Xk7Qp2Lz9Rv4Tw8Nb3Hc6Ym1Jd5Fs0G")]
    [InlineData("/home/dev/src/Locus.Privacy/Detectors/HighEntropyDetector.cs")]
    public void Scan_NotASecret_NothingFound(string text)
    {
        Assert.Empty(Findings.Scanner.Scan(text));
    }

    [Fact]
    public void Scan_CertificateBody_NothingFound()
    {
        var text = $"-----BEGIN CERTIFICATE-----\n{Token}{Token}\n{Token}\n-----END CERTIFICATE-----";

        Assert.Empty(Findings.Scanner.Scan(text));
    }
}
