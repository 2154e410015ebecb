using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

public sealed class PairingTests : IDisposable
{
    private readonly MeshNode _a = new();
    private readonly MeshNode _b = new();

    [Fact]
    public void Pair_RightCode_BothStoreTheSameKeyAndEachOthersId()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        var answer = offer.Answer(join.Hello);
        var accepted = join.Accept(answer.Reply);
        var completed = answer.Session!.Complete(accepted.Confirm);

        Assert.True(accepted.Succeeded);
        Assert.True(completed.Succeeded);
        Assert.True(_a.Keyring.TryGet(_b.Id, out var bAtA));
        Assert.True(_b.Keyring.TryGet(_a.Id, out var aAtB));
        Assert.Equal(bAtA.PairKey, aAtB.PairKey);
        Assert.Equal(32, bAtA.PairKey.Length);
        Assert.Equal(_b.Identity.PublicKey, bAtA.PublicKey);
        Assert.Equal(_a.Identity.PublicKey, aAtB.PublicKey);
        Assert.True(_a.Log.Has(6101) && _b.Log.Has(6101));
    }

    [Fact]
    public void Pair_ProductionDefaults_SucceedsAndMessagesFlow()
    {
        using var a = new MeshNode(new MeshSecurityOptions());
        using var b = new MeshNode(new MeshSecurityOptions());
        a.PairWith(b);

        Assert.True(a.Guard.Open(b.Guard.Seal(a.Id, [1, 2, 3])).Accepted);
        Assert.True(b.Guard.Open(a.Guard.Seal(b.Id, [4, 5, 6])).Accepted);
    }

    [Fact]
    public void Revoke_NeverPaired_FalseButRefusedFromNowOn()
    {
        using var stranger = new MeshNode();
        Assert.False(_a.Keyring.Revoke(stranger.Id));
        Assert.True(_a.Keyring.IsRevoked(stranger.Id));
    }

    [Fact]
    public void Pair_TwoPairings_GiveDifferentKeys()
    {
        _a.PairWith(_b);
        _a.Keyring.TryGet(_b.Id, out var first);
        var firstKey = first.PairKey.ToArray();
        _a.PairWith(_b);
        _a.Keyring.TryGet(_b.Id, out var second);

        Assert.NotEqual(firstKey, second.PairKey);
    }

    [Fact]
    public void Accept_WrongCode_RefusedLoggedAndNothingStored()
    {
        var offer = _a.Offer();
        using var join = _b.Join(OtherCode(offer.Code));
        var answer = offer.Answer(join.Hello);
        var accepted = join.Accept(answer.Reply);

        Assert.Equal(PairingRefusal.ConfirmationFailed, accepted.Refusal);
        Assert.Null(accepted.Confirm);
        Assert.Empty(_a.Keyring.Peers);
        Assert.Empty(_b.Keyring.Peers);
        Assert.Contains(_b.Log.Entries, e => e.EventId == 6102 && e.Message.Contains("ConfirmationFailed", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_ConfirmationForAnotherCode_RefusedAndNothingStored()
    {
        // A joiner who skips its own check and answers anyway still cannot produce A's expected confirmation.
        var offer = _a.Offer();
        var answer = offer.Answer(_b.Join(OtherCode(offer.Code)).Hello);
        var forged = new PairingConfirm(new byte[32]).Encode();

        Assert.Equal(PairingRefusal.ConfirmationFailed, answer.Session!.Complete(forged).Refusal);
        Assert.Empty(_a.Keyring.Peers);
        Assert.True(_a.Log.Has(6102));
    }

    /// <summary>A well-formed code that differs from <paramref name="code"/> in one symbol.</summary>
    internal static string OtherCode(string code) => (code[0] == '7' ? "8" : "7") + code[1..];

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
