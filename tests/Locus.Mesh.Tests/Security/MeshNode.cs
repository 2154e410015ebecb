using Locus.Mesh.Security;
using Locus.Mesh.Tests.Clocks;

namespace Locus.Mesh.Tests.Security;

/// <summary>One node for security tests: its identity, keyring, guard, own clock and recorded log.</summary>
internal sealed class MeshNode : IDisposable
{
    /// <summary>Few KDF iterations: the tests check the protocol, not the stretching cost.</summary>
    public static readonly MeshSecurityOptions TestOptions = new() { CodeKdfIterations = 1_000 };

    public MeshNode(MeshSecurityOptions? options = null)
    {
        Options = options ?? TestOptions;
        Keyring = MeshSecurity.CreateKeyring(Log);
        Guard = MeshSecurity.CreateGuard(Identity, Keyring, Options, Clock, Log);
    }

    public NodeIdentity Identity { get; } = NodeIdentity.Create();

    public NodeId Id => Identity.Id;

    public ManualClock Clock { get; } = new();

    public RecordingLogger Log { get; } = new();

    public MeshSecurityOptions Options { get; }

    public IPeerKeyring Keyring { get; }

    public IMessageGuard Guard { get; }

    public PairingOffer Offer() => new(Identity, Keyring, Options, Clock, Log);

    public PairingJoin Join(string code) => new(Identity, code, Keyring, Options, Clock, Log);

    /// <summary>The whole exchange with the right code, this node showing and <paramref name="joiner"/> typing.</summary>
    public void PairWith(MeshNode joiner)
    {
        var offer = Offer();
        using var join = joiner.Join(offer.Code);
        var answer = offer.Answer(join.Hello);
        var accepted = join.Accept(answer.Reply);
        var completed = answer.Session!.Complete(accepted.Confirm);
        if (!completed.Succeeded)
        {
            throw new InvalidOperationException($"pairing failed: {accepted.Refusal} / {completed.Refusal}");
        }
    }

    public void Dispose() => Identity.Dispose();
}
