using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

public sealed class TextOpCodecTests
{
    [Fact]
    public void FromBytes_DeltaOfInsertsDeletesAndCollectedRuns_ReplaysToSameDocument()
    {
        var (a, b) = (new TextDocument(new(1)), new TextDocument(new(2)));
        a.Insert(0, "héllo 🙂 world");
        a.Delete(2, 3);
        b.Insert(0, "peer ");
        a.ApplyAll(b.Delta(a.Version));
        a.CollectGarbage(a.Version);

        var copy = new TextDocument(new(3));
        copy.ApplyAll(DeltaCodec.FromBytes(TextOpCodec.Instance, DeltaCodec.ToBytes(TextOpCodec.Instance, a.Delta(new VersionVector()))));

        Assert.Equal(a.ToString(), copy.ToString());
        Assert.Equal(0, copy.PendingCount);
    }

    [Fact]
    public void FromBytes_EveryTruncationAndByteFlip_OnlyFormatExceptionOrValidOps()
    {
        var doc = new TextDocument(new(1));
        var bytes = DeltaCodec.ToBytes(TextOpCodec.Instance, [doc.Insert(0, "abc😀"), doc.Delete(1, 2)]);
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var damaged = i < bytes.Length ? bytes[..i] : (byte[])bytes.Clone();
            if (i >= bytes.Length)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                var ops = DeltaCodec.FromBytes(TextOpCodec.Instance, damaged);
                Assert.All(ops.OfType<TextInsert>(), op => Assert.True(op.Length > 0 && op.Id.Counter > 0));
            }
            catch (FormatException)
            {
            }
        }
    }
}
