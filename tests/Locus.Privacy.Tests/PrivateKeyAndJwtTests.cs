using System.Text;

namespace Locus.Privacy.Tests;

public sealed class PrivateKeyAndJwtTests
{
    private const string Body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n" +
        "+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQz";

    [Theory]
    [InlineData("RSA PRIVATE KEY")]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("OPENSSH PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    [InlineData("ENCRYPTED PRIVATE KEY")]
    [InlineData("PGP PRIVATE KEY BLOCK")]
    public void Scan_PemBlock_ReportedWholeOverTheLinesInside(string label)
    {
        var block = $"-----BEGIN {label}-----\n{Body}\n-----END {label}-----";
        var text = $"my key:\n{block}\nthanks";

        Assert.Equal([$"private_key:{block}"], Findings.Describe(text));
    }

    [Fact]
    public void Scan_PemBlockWithoutEnd_ReportedThroughItsBody()
    {
        var text = $"-----BEGIN RSA PRIVATE KEY-----\n{Body}\n\nWhat is wrong with it?";

        Assert.Equal([$"private_key:-----BEGIN RSA PRIVATE KEY-----\n{Body}"], Findings.Describe(text));
    }

    [Fact]
    public void Scan_JsonEscapedPemInServiceAccountFile_Reported()
    {
        var escaped = $"-----BEGIN PRIVATE KEY-----\\n{Body.Replace("\n", "\\n", StringComparison.Ordinal)}\\n-----END PRIVATE KEY-----\\n";
        var text = $"{{\"type\": \"service_account\", \"private_key\": \"{escaped}\"}}";

        var finding = Assert.Single(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.PrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Findings.ValueOf(text, finding), StringComparison.Ordinal);
        Assert.EndsWith("-----END PRIVATE KEY-----", Findings.ValueOf(text, finding), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\n" + Body + "\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\n" + Body + "\n-----END PUBLIC KEY-----")]
    [InlineData("_SK_START = b\"-----BEGIN OPENSSH PRIVATE KEY-----\"\n_SK_END = b\"-----END OPENSSH PRIVATE KEY-----\"")]
    public void Scan_PublicBlockOrMarkersInCode_NothingFound(string text)
    {
        Assert.Empty(Findings.Scanner.Scan(text));
    }

    [Fact]
    public void Scan_Jwt_FoundWithSignature()
    {
        var jwt = $"{B64("{\"alg\":\"RS256\",\"kid\":\"k1\"}")}.{B64("{\"sub\":\"42\",\"email\":\"x\"}")}.abc_DEF-123";
        var text = $"Authorization: Bearer {jwt}\nAccept: */*";

        Assert.Equal([$"jwt:{jwt}"], Findings.Describe(text));
    }

    [Fact]
    public void Scan_UnsecuredJwtWithEmptySignature_Found()
    {
        var jwt = $"{B64("{\"alg\":\"none\"}")}.{B64("{\"sub\":\"42\"}")}.";

        Assert.Equal(SensitiveKind.Jwt, Findings.Single($"token {jwt} end").Kind);
    }

    [Theory]
    [InlineData("{\"typ\":\"JWT\"}", "{\"sub\":\"42\"}")] // no alg
    [InlineData("{\"alg\":\"HS256\"}", "[1,2,3]")] // payload is not an object
    [InlineData("{\"alg\":\"HS256\"", "{\"sub\":\"42\"}")] // header is not valid JSON
    public void Scan_JwtShapedButNotJwt_NoJwt(string header, string payload)
    {
        var text = $"x {B64(header)}.{B64(payload)}.c2lnbmF0dXJl y";

        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.Jwt);
    }

    private static string B64(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
