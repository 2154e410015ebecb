using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

public sealed class TextEncodingTests
{
    private static TextDocument Edited()
    {
        var a = new TextDocument(new ReplicaId(11));
        var b = new TextDocument(new ReplicaId(22));
        b.Apply(a.Insert(0, "The quick brown fox 😀 jumps"));
        a.Insert(4, "very ");
        b.Insert(10, "dark ");
        a.Delete(0, 4);
        b.Delete(b.Length - 3, 3);
        b.ApplyAll(a.Delta(b.Version));
        a.ApplyAll(b.Delta(a.Version));
        return a;
    }

    [Fact]
    public void Decode_Encoded_SameTextVersionAndBytes()
    {
        var doc = Edited();
        var bytes = doc.Encode();
        var loaded = TextDocument.Decode(bytes, new ReplicaId(33));
        Assert.Equal(doc.ToString(), loaded.ToString());
        Assert.Equal(doc.Version, loaded.Version);
        Assert.Equal(bytes, loaded.Encode());
    }

    [Fact]
    public void Encode_EmptyDocument_RoundTrips()
    {
        var bytes = new TextDocument(new ReplicaId(1)).Encode();
        Assert.Equal("", TextDocument.Decode(bytes, new ReplicaId(2)).ToString());
        Assert.True(bytes.Length < 10);
    }

    [Fact]
    public void CollectGarbage_DeletedContent_EncodingShrinksAndTextStays()
    {
        var doc = new TextDocument(new ReplicaId(1));
        doc.Insert(0, new string('x', 1000) + "kept");
        doc.Delete(0, 1000);
        var before = doc.Encode().Length;
        Assert.Equal(1000, doc.CollectGarbage(doc.Version));
        var after = doc.Encode();
        Assert.True(after.Length < before - 900, $"{after.Length} vs {before}");
        Assert.Equal("kept", TextDocument.Decode(after, new ReplicaId(2)).ToString());
    }

    [Fact]
    public void CollectGarbage_DeleteNotSeenByAll_KeepsContent()
    {
        var doc = new TextDocument(new ReplicaId(1));
        doc.Insert(0, "abc");
        var peerBefore = doc.Version;
        doc.Insert(3, "def");
        doc.Delete(2, 4);
        var common = VersionVector.Common([doc.Version, peerBefore]);
        Assert.Equal(0, doc.CollectGarbage(common)); // "cdef" is one run; the peer has not seen all of its insert
        Assert.Equal(4, doc.CollectGarbage(doc.Version));
    }

    [Fact]
    public void Delta_FromCollectedDocument_SendsTombstonesWithoutText()
    {
        var doc = Edited();
        doc.CollectGarbage(doc.Version);
        var delta = doc.Delta(new VersionVector());
        Assert.Contains(delta, op => op is TextInsert { Text: null });
        var fresh = new TextDocument(new ReplicaId(44));
        fresh.ApplyAll(delta);
        Assert.Equal(doc.ToString(), fresh.ToString());
        Assert.Equal(doc.Encode(), fresh.Encode());
    }

    [Fact]
    public void Apply_TextOfWrongLength_ThrowsArgumentException()
    {
        var doc = new TextDocument(new ReplicaId(1));
        var bad = new TextInsert(new Dot(new ReplicaId(2), 1), null, null, 3, "ab");
        Assert.Throws<ArgumentException>(() => doc.Apply(bad));
        Assert.Equal("", doc.ToString());
    }

    [Fact]
    public void Decode_RandomFlipsAndTruncations_OnlyFormatException()
    {
        var bytes = Edited().Encode();
        var random = new Random(1234);
        var rejected = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            if (trial % 3 == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }

            var flips = 1 + random.Next(3);
            for (var f = 0; f < flips && damaged.Length > 0; f++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            try
            {
                var loaded = TextDocument.Decode(damaged, new ReplicaId(5));
                loaded.Insert(loaded.Length / 2, "still usable");
                _ = loaded.Encode();
            }
            catch (FormatException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 10_000, $"only {rejected} damaged encodings rejected");
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'L', (byte)'T', 9 })]
    [InlineData(new byte[] { (byte)'X', (byte)'T', 1, 0, 0, 0 })]
    public void Decode_Malformed_ThrowsFormatException(byte[] data) =>
        Assert.Throws<FormatException>(() => TextDocument.Decode(data, new ReplicaId(1)));
}
