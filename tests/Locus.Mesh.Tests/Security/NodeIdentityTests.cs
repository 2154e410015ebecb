using System.Security.Cryptography;
using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

public sealed class NodeIdentityTests
{
    [Fact]
    public void FromPkcs8_Exported_SameIdAndPublicKey()
    {
        using var original = NodeIdentity.Create();
        using var restored = NodeIdentity.FromPkcs8(original.ExportPkcs8());

        Assert.Equal(original.Id, restored.Id);
        Assert.Equal(original.PublicKey, restored.PublicKey);
    }

    [Fact]
    public void Create_Twice_DifferentIds()
    {
        using var a = NodeIdentity.Create();
        using var b = NodeIdentity.Create();
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void FromPkcs8_P384Key_Refused()
    {
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<CryptographicException>(() => NodeIdentity.FromPkcs8(other.ExportPkcs8PrivateKey()));
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData(" O1IL 2345 ", "01112345")]
    [InlineData("ABCD-EFG", null)]
    [InlineData("ABCD-EFGU", null)]
    [InlineData("ABCD-EFGHJ", null)]
    public void Normalize_TypedEntry_CanonicalOrNull(string entered, string? expected) =>
        Assert.Equal(expected, PairingCode.Normalize(entered));

    [Fact]
    public void Generate_Many_WellFormedAndDistinct()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PairingCode.Generate()).ToList();
        Assert.All(codes, c => Assert.Equal(c.Replace("-", "", StringComparison.Ordinal), PairingCode.Normalize(c)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
