using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

/// <summary>Issue 6 acceptance: an unpaired node, a wrong key, a replayed message, a tampered message → refused and logged.</summary>
public sealed class EnvelopeTests : IDisposable
{
    private static readonly byte[] Payload = System.Text.Encoding.UTF8.GetBytes("memory: the quarterly plan is in the blue folder");
    private readonly MeshNode _a = new();
    private readonly MeshNode _b = new();

    public EnvelopeTests() => _a.PairWith(_b);

    [Fact]
    public void Open_SealedByPairedPeer_PayloadSenderAndSequence()
    {
        var opened = _b.Guard.Open(_a.Guard.Seal(_b.Id, Payload));

        Assert.True(opened.Accepted);
        Assert.Equal(Payload, opened.Payload);
        Assert.Equal(_a.Id, opened.Sender);
        Assert.Equal(_a.Clock.GetUtcNow(), opened.Timestamp);
        Assert.DoesNotContain(_b.Log.Entries, e => e.EventId is > 6110 and < 6120);
    }

    [Fact]
    public void Seal_Payload_NotReadableOnTheWire()
    {
        var sealedBytes = _a.Guard.Seal(_b.Id, Payload);
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf(Payload.AsSpan()[..12]));
    }

    [Fact]
    public void Open_UnpairedSender_RefusedAndLogged()
    {
        using var stranger = new MeshNode();
        // The stranger believes it holds a key for B; B has never paired with it.
        stranger.Keyring.Add(new PairedPeer(_b.Id, _b.Identity.PublicKey, new byte[32], stranger.Clock.GetUtcNow()));

        AssertRefused(stranger.Guard.Seal(_b.Id, Payload), EnvelopeRefusal.UnpairedSender, 6113);
    }

    [Fact]
    public void Open_WrongKey_BadMacAndLogged()
    {
        _b.Keyring.TryGet(_a.Id, out var real);
        _b.Keyring.Add(real with { PairKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) });

        AssertRefused(_a.Guard.Seal(_b.Id, Payload), EnvelopeRefusal.BadMac, 6115);
    }

    [Fact]
    public void Open_Replayed_RefusedAndLogged()
    {
        var message = _a.Guard.Seal(_b.Id, Payload);
        Assert.True(_b.Guard.Open(message).Accepted);

        AssertRefused(message, EnvelopeRefusal.Replayed, 6116);
    }

    [Fact]
    public void Open_TamperedCiphertext_BadMacAndLogged()
    {
        var message = _a.Guard.Seal(_b.Id, Payload);
        message[^20] ^= 0x01; // inside the ciphertext, before the 16-byte tag

        AssertRefused(message, EnvelopeRefusal.BadMac, 6115);
    }

    [Fact]
    public void Open_RevokedSender_RefusedAndLogged()
    {
        var message = _a.Guard.Seal(_b.Id, Payload);
        Assert.True(_b.Keyring.Revoke(_a.Id));

        AssertRefused(message, EnvelopeRefusal.RevokedSender, 6114);
        Assert.True(_b.Log.Has(6104));
        Assert.Empty(_b.Keyring.Peers);
    }

    [Fact]
    public void Open_RevokedThenPairedAgain_Accepted()
    {
        _b.Keyring.Revoke(_a.Id);
        _a.PairWith(_b);

        Assert.True(_b.Guard.Open(_a.Guard.Seal(_b.Id, Payload)).Accepted);
    }

    [Fact]
    public void Open_AddressedToAnotherNode_WrongRecipient()
    {
        using var c = new MeshNode();
        _a.PairWith(c);

        AssertRefused(_a.Guard.Seal(c.Id, Payload), EnvelopeRefusal.WrongRecipient, 6112);
    }

    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public void Open_TimestampBeyondSkew_ClockSkew(int direction)
    {
        var message = _a.Guard.Seal(_b.Id, Payload);
        _b.Clock.Advance(direction * ((long)_b.Options.MaxClockSkew.TotalMilliseconds + 1));

        AssertRefused(message, EnvelopeRefusal.ClockSkew, 6118);
    }

    [Fact]
    public void Open_ReorderedWithinWindow_AcceptedOlderThanWindowRefused()
    {
        using var a = new MeshNode(MeshNode.TestOptions with { ReplayWindow = 4 });
        using var b = new MeshNode(MeshNode.TestOptions with { ReplayWindow = 4 });
        a.PairWith(b);
        var messages = Enumerable.Range(0, 8).Select(_ => a.Guard.Seal(b.Id, Payload)).ToList();

        Assert.True(b.Guard.Open(messages[2]).Accepted);
        Assert.True(b.Guard.Open(messages[1]).Accepted); // one step out of order: fine
        foreach (var later in messages[3..])
        {
            Assert.True(b.Guard.Open(later).Accepted);
        }

        // messages[0] was never accepted, but arrives after more than the window's worth of newer ones.
        var refused = b.Guard.Open(messages[0]);
        Assert.Equal(EnvelopeRefusal.SequenceTooOld, refused.Refusal);
        Assert.True(b.Log.Has(6117));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2 })]
    [InlineData(new byte[] { 1, 1, 2, 3 })]
    public void Open_NotAnEnvelope_MalformedAndLogged(byte[] bytes) => AssertRefused(bytes, EnvelopeRefusal.Malformed, 6111);

    [Fact]
    public void Open_Truncated_MalformedAndLogged()
    {
        var message = _a.Guard.Seal(_b.Id, Payload);
        AssertRefused(message[..^1], EnvelopeRefusal.Malformed, 6111);
    }

    [Fact]
    public void Logs_AfterPairingAndRefusals_NoKeyCodeOrPayload()
    {
        _b.Keyring.TryGet(_a.Id, out var peer);
        var key = Convert.ToHexString(peer.PairKey);
        var message = _a.Guard.Seal(_b.Id, Payload);
        _b.Guard.Open(message);
        _b.Guard.Open(message);
        message[^1] ^= 1;
        _b.Guard.Open(message);

        foreach (var log in new[] { _a.Log, _b.Log })
        {
            Assert.DoesNotContain(key, log.AllText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("quarterly", log.AllText, StringComparison.Ordinal);
        }
    }

    private void AssertRefused(byte[] message, EnvelopeRefusal reason, int eventId)
    {
        var opened = _b.Guard.Open(message);

        Assert.Equal(reason, opened.Refusal);
        Assert.Null(opened.Payload);
        Assert.Contains(_b.Log.Entries, e => e.EventId == eventId && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
