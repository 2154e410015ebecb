using FsCheck;
using FsCheck.Fluent;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>
/// Peer bytes must never crash a node: corrupted or truncated encodings of real states either load or throw
/// <see cref="FormatException"/>, and whatever loaded can still be encoded and loaded again.
/// </summary>
public sealed class DecodeFuzzTests
{
    public const int Runs = 500;

    [Fact]
    public void Load_CorruptedOrTruncatedStates_OnlyFormatExceptionAndReencodable() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(Scenario.Arbitrary, ArbMap.Default.ArbFor<(int[], int)>(), (scenario, corruption) =>
        {
            var node = new Simulation(scenario).NodeList[0];
            var (flips, cut) = corruption;
            for (var part = 0; part < node.Parts.Count; part++)
            {
                var bytes = node.Parts[part].State();
                foreach (var flip in flips ?? [])
                {
                    bytes[(flip & int.MaxValue) % bytes.Length] ^= (byte)(flip >> 8 | 1);
                }

                var length = cut > 0 ? cut % (bytes.Length + 1) : bytes.Length;
                var target = new SimNode(7, 0).Parts[part];
                try
                {
                    target.ApplyDeltaBytes(bytes[..length]);
                }
                catch (FormatException)
                {
                    continue;
                }

                var again = new SimNode(8, 0).Parts[part];
                again.ApplyDeltaBytes(target.State());
                Assert.Equal(target.State(), again.State());
            }
        }));
}
