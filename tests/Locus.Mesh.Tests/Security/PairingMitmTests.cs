using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

/// <summary>Someone on the path between the two nodes, without the code, substituting its own ephemeral keys.</summary>
public sealed class PairingMitmTests : IDisposable
{
    private readonly MeshNode _a = new();
    private readonly MeshNode _b = new();

    [Fact]
    public void Accept_MitmSwapsEphemeralKeyInHello_JoinerRefusesAndNobodyStoresAKey()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var hello = PairingHello.Decode(join.Hello)!;
        using var mitm = new MeshNode();
        using var mitmJoin = mitm.Join(PairingTests.OtherCode(offer.Code));
        var swapped = hello with { EphemeralKey = PairingHello.Decode(mitmJoin.Hello)!.EphemeralKey };

        var answer = offer.Answer(swapped.Encode());
        var accepted = join.Accept(answer.Reply);

        Assert.Equal(PairingRefusal.ConfirmationFailed, accepted.Refusal);
        Assert.Empty(_b.Keyring.Peers);
        Assert.Empty(_a.Keyring.Peers);
    }

    [Fact]
    public void Accept_MitmSwapsEphemeralKeyInReply_JoinerRefuses()
    {
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var reply = PairingReply.Decode(offer.Answer(join.Hello).Reply)!;
        using var mitm = new MeshNode();
        var mitmEphemeral = PairingReply.Decode(mitm.Offer().Answer(join.Hello).Reply)!.EphemeralKey;

        var accepted = join.Accept((reply with { EphemeralKey = mitmEphemeral }).Encode());

        Assert.Equal(PairingRefusal.ConfirmationFailed, accepted.Refusal);
        Assert.Empty(_b.Keyring.Peers);
    }

    [Fact]
    public void Accept_MitmAnswersAsShowerWithItsOwnKeys_JoinerRefuses()
    {
        // The MITM runs its own offer (its own code) and relays B's hello to it: it cannot confirm for A's code.
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        using var mitm = new MeshNode();

        var accepted = join.Accept(mitm.Offer().Answer(join.Hello).Reply);

        Assert.Equal(PairingRefusal.ConfirmationFailed, accepted.Refusal);
        Assert.False(_b.Keyring.TryGet(mitm.Id, out _));
    }

    [Fact]
    public void Complete_MitmRelaysHonestConfirmationIntoItsOwnSession_ShowerRefuses()
    {
        // MITM opens its own session with A (its keys) and forwards B's honest confirmation from B's session: the
        // confirmation is bound to B's transcript, not the MITM's.
        var offer = _a.Offer();
        using var join = _b.Join(offer.Code);
        var honest = offer.Answer(join.Hello);
        var confirm = join.Accept(honest.Reply).Confirm;
        using var mitm = new MeshNode();
        using var mitmJoin = mitm.Join(PairingTests.OtherCode(offer.Code));
        var mitmSession = offer.Answer(mitmJoin.Hello).Session!;

        Assert.Equal(PairingRefusal.ConfirmationFailed, mitmSession.Complete(confirm).Refusal);
        Assert.False(_a.Keyring.TryGet(mitm.Id, out _));
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
