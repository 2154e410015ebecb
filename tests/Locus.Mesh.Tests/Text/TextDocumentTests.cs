using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

public sealed class TextDocumentTests
{
    private static TextDocument New(ulong replica = 1) => new(new ReplicaId(replica));

    [Fact]
    public void Insert_EndsAndMiddle_BuildsText()
    {
        var doc = New();
        doc.Insert(0, "world");
        doc.Insert(0, "hello ");
        doc.Insert(doc.Length, "!");
        doc.Insert(5, ",");
        Assert.Equal("hello, world!", doc.ToString());
        Assert.Equal(13, doc.Length);
    }

    [Fact]
    public void Insert_TypingForward_StaysOneItem()
    {
        var doc = New();
        var text = "typing one character at a time";
        for (var i = 0; i < text.Length; i++)
        {
            doc.Insert(i, text[i].ToString());
        }

        Assert.Equal(text, doc.ToString());
        Assert.Equal(1, doc.ItemCount);
    }

    [Fact]
    public void Delete_EndsAndMiddle_RemovesExactly()
    {
        var doc = New();
        doc.Insert(0, "abcdefghij");
        doc.Delete(0, 1);
        doc.Delete(doc.Length - 1, 1);
        doc.Delete(3, 2);
        Assert.Equal("bcdghi", doc.ToString());
        doc.Delete(0, doc.Length);
        Assert.Equal("", doc.ToString());
        Assert.Equal(0, doc.Length);
    }

    [Fact]
    public void Insert_InsideRun_SplitsRunAndKeepsIds()
    {
        var doc = New();
        var first = doc.Insert(0, "abcdef");
        var middle = doc.Insert(3, "XY");
        Assert.Equal("abcXYdef", doc.ToString());
        Assert.Equal(new Dot(new ReplicaId(1), 3), middle.OriginLeft);
        Assert.Equal(new Dot(new ReplicaId(1), 4), middle.OriginRight);
        Assert.Equal(first.Id.Counter + 6, middle.Id.Counter);
        Assert.Equal(3, doc.ItemCount);
    }

    [Fact]
    public void Delete_AcrossRunsAndTombstones_SkipsDeleted()
    {
        var doc = New();
        doc.Insert(0, "0123456789");
        doc.Delete(2, 3); // 01 56789
        doc.Insert(4, "ab"); // 0156ab789
        var delete = doc.Delete(1, 6); // 0 89
        Assert.Equal("089", doc.ToString());
        Assert.Equal(7 - 1, delete.Ranges.Sum(r => r.Length));
    }

    [Fact]
    public void Insert_BeyondBmp_CountsCodePoints()
    {
        var doc = New();
        doc.Insert(0, "a😀b");
        Assert.Equal(3, doc.Length);
        doc.Insert(2, "𝄞");
        doc.Delete(1, 1);
        Assert.Equal("a𝄞b", doc.ToString());
        var copy = TextDocument.Decode(doc.Encode(), new ReplicaId(2));
        Assert.Equal("a𝄞b", copy.ToString());
        Assert.Equal(3, copy.Length);
    }

    [Fact]
    public void Insert_OutOfRange_Throws()
    {
        var doc = New();
        doc.Insert(0, "ab");
        Assert.Throws<ArgumentOutOfRangeException>(() => doc.Insert(3, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => doc.Delete(1, 2));
        Assert.Throws<ArgumentException>(() => doc.Insert(0, ""));
    }

    [Fact]
    public void Apply_RemoteOps_ReproduceText()
    {
        var a = New(1);
        var b = New(2);
        var ops = new List<TextOp> { a.Insert(0, "hello world"), a.Delete(5, 6), a.Insert(5, " there") };
        foreach (var op in ops)
        {
            b.Apply(op);
        }

        Assert.Equal("hello there", b.ToString());
        Assert.Equal(a.Encode(), b.Encode());
    }

    [Fact]
    public void Apply_OutOfOrderAndDuplicated_BuffersThenConverges()
    {
        var a = New(1);
        var ops = new List<TextOp> { a.Insert(0, "abc"), a.Insert(3, "def"), a.Delete(1, 3), a.Insert(1, "Z") };
        var b = New(2);
        foreach (var op in Enumerable.Reverse(ops))
        {
            b.Apply(op);
        }

        Assert.True(b.PendingCount > 0 || b.ToString() == a.ToString());
        foreach (var op in ops)
        {
            b.Apply(op);
        }

        Assert.Equal("aZef", b.ToString());
        Assert.Equal(0, b.PendingCount);
        Assert.Equal(a.Encode(), b.Encode());
    }

    [Fact]
    public void Delta_PeerVersion_SendsOnlyWhatItLacks()
    {
        var a = New(1);
        var b = New(2);
        b.ApplyAll(a.Delta(b.Version));
        a.Insert(0, "first ");
        b.ApplyAll(a.Delta(b.Version));
        a.Insert(6, "second");
        var delta = a.Delta(b.Version);
        var insert = Assert.IsType<TextInsert>(Assert.Single(delta));
        Assert.Equal("second", insert.Text);
        b.ApplyAll(delta);
        Assert.Equal("first second", b.ToString());
        Assert.Equal(a.Version, b.Version);
    }

    [Fact]
    public void Delta_PartOfRunSeen_SendsTheRest()
    {
        var a = New(1);
        var b = New(2);
        a.Insert(0, "abc");
        b.ApplyAll(a.Delta(b.Version));
        a.Insert(3, "def"); // extends the same run
        var insert = Assert.IsType<TextInsert>(Assert.Single(a.Delta(b.Version)));
        Assert.Equal("def", insert.Text);
        Assert.Equal(4UL, insert.Id.Counter);
    }
}
