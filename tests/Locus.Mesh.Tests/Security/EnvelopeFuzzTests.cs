using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

/// <summary>Every bit of an envelope is covered: flipping any of them, any number of times, gets it refused — never a crash.</summary>
public sealed class EnvelopeFuzzTests : IDisposable
{
    private const int Runs = 1_000;
    private readonly MeshNode _a = new();
    private readonly MeshNode _b = new();

    public EnvelopeFuzzTests() => _a.PairWith(_b);

    [Fact]
    public void Open_RandomBitFlips_AlwaysRefused() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(ArbMap.Default.ArbFor<(byte[], int[])>(), input =>
        {
            var (payload, flips) = input;
            var message = _a.Guard.Seal(_b.Id, payload ?? []);
            var bits = new HashSet<int>((flips is { Length: > 0 } ? flips : [0]).Select(f => (f & int.MaxValue) % (message.Length * 8)));
            foreach (var bit in bits)
            {
                message[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Assert.NotEqual(EnvelopeRefusal.None, _b.Guard.Open(message).Refusal);
        }));

    [Fact]
    public void Open_RandomBytes_RefusedNeverThrows() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
            Assert.NotEqual(EnvelopeRefusal.None, _b.Guard.Open(bytes ?? []).Refusal)));

    [Fact]
    public void Open_UntamperedAfterFuzzing_StillAccepted()
    {
        // Guards against a property that passes because everything is refused.
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_b.Guard.Open(_a.Guard.Seal(_b.Id, [(byte)i])).Accepted);
        }
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
