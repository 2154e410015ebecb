using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>AES-256-GCM under a per-direction key derived from the pair key; see <see cref="Envelope"/> for the layout.</summary>
internal sealed class MessageGuard(
    NodeIdentity identity, IPeerKeyring keyring, MeshSecurityOptions options, TimeProvider time, ILogger logger, IReplayStore? replays = null)
    : IMessageGuard
{
    private readonly ConcurrentDictionary<NodeId, OutgoingSequence> _outgoing = new();
    private readonly ConcurrentDictionary<NodeId, ReplayWindow> _windows = new();

    public byte[] Seal(NodeId recipient, ReadOnlySpan<byte> payload)
    {
        if (!keyring.TryGet(recipient, out var peer))
        {
            throw new InvalidOperationException($"node {recipient} is not paired with this node");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sequence = _outgoing.GetOrAdd(recipient, _ => new OutgoingSequence()).Next(now);
        var nonce = RandomNumberGenerator.GetBytes(Envelope.NonceBytes);
        var header = Envelope.WriteHeader(identity.Id, recipient, sequence, now, nonce);
        var ciphertext = new byte[payload.Length];
        var tag = new byte[Envelope.TagBytes];
        using (var aes = new AesGcm(Envelope.DirectionKey(peer.PairKey, identity.Id, recipient), Envelope.TagBytes))
        {
            aes.Encrypt(nonce, payload, ciphertext, tag, header);
        }

        return Envelope.Encode(header, ciphertext, tag);
    }

    public OpenedMessage Open(ReadOnlySpan<byte> bytes)
    {
        var envelope = Envelope.Decode(bytes);
        PairedPeer? peer = null;
        var refusal = envelope is null ? EnvelopeRefusal.Malformed
            : envelope.Recipient != identity.Id ? EnvelopeRefusal.WrongRecipient
            : keyring.IsRevoked(envelope.Sender) ? EnvelopeRefusal.RevokedSender
            : !keyring.TryGet(envelope.Sender, out peer) ? EnvelopeRefusal.UnpairedSender
            : EnvelopeRefusal.None;
        if (refusal != EnvelopeRefusal.None)
        {
            return Refuse(refusal, envelope?.Sender ?? default);
        }

        var message = envelope!; // the refusals above cover null
        var payload = Decrypt(message, peer!.PairKey);
        var skew = Math.Abs(time.GetUtcNow().ToUnixTimeMilliseconds() - (double)message.TimestampMs);
        refusal = payload is null ? EnvelopeRefusal.BadMac
            : skew > options.MaxClockSkew.TotalMilliseconds ? EnvelopeRefusal.ClockSkew
            : _windows.GetOrAdd(message.Sender, sender => new ReplayWindow(options.ReplayWindow, replays?.Floor(sender) ?? 0)).TryAccept(message.Sequence);
        if (refusal != EnvelopeRefusal.None)
        {
            return Refuse(refusal, message.Sender);
        }

        replays?.Accepted(message.Sender, message.Sequence);
        return new OpenedMessage(EnvelopeRefusal.None, message.Sender, message.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(message.TimestampMs), payload);
    }

    private byte[]? Decrypt(Envelope envelope, byte[] pairKey)
    {
        var plaintext = new byte[envelope.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(Envelope.DirectionKey(pairKey, envelope.Sender, identity.Id), Envelope.TagBytes);
            aes.Decrypt(envelope.Nonce, envelope.Ciphertext, envelope.Tag, plaintext, envelope.Header);
            return plaintext;
        }
        catch (CryptographicException)
        {
            return null; // AuthenticationTagMismatchException derives from it
        }
    }

    private OpenedMessage Refuse(EnvelopeRefusal refusal, NodeId sender)
    {
        SecurityLog.EnvelopeRefused(logger, refusal, sender);
        return OpenedMessage.Refused(refusal, sender);
    }

    /// <summary>
    /// Seeded from the clock (ms × 1024) so numbers keep rising across restarts without storing a counter, as long as the
    /// clock does not go back further than the messages sent; strictly increasing within a run whatever the clock does.
    /// </summary>
    private sealed class OutgoingSequence
    {
        private readonly Lock _gate = new();
        private ulong _last;

        public ulong Next(long nowMs)
        {
            lock (_gate)
            {
                return _last = Math.Max(_last + 1, (ulong)Math.Max(nowMs, 0) * 1024);
            }
        }
    }
}
