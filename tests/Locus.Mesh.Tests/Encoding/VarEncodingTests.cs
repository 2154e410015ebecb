using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Tests.Encoding;

public sealed class VarEncodingTests
{
    [Fact]
    public void RoundTrip_AnyValues_ReadBackExactly() =>
        Prop.ForAll<ulong, long, (string?, byte[]?)>((u, i, sb) =>
        {
            var text = sb.Item1 ?? "";
            var bytes = sb.Item2 ?? [];
            var data = new VarWriter().UInt(u).Int(i).String(text).Bytes(bytes).Fixed64(u).ToArray();
            var reader = new VarReader(data);
            return reader.UInt() == u && reader.Int() == i && reader.String() == text
                && reader.Bytes().SequenceEqual(bytes) && reader.Fixed64() == u && reader.End;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(ulong.MaxValue, 10)]
    public void UInt_Value_TakesLeb128Length(ulong value, int bytes) => Assert.Equal(bytes, new VarWriter().UInt(value).Length);

    [Fact]
    public void Int_SmallNegative_TakesOneByte() => Assert.Equal(1, new VarWriter().Int(-3).Length);

    [Fact]
    public void Read_Truncated_ThrowsFormatException()
    {
        var data = new VarWriter().String("hello").ToArray()[..3];
        Assert.Throws<FormatException>(() => new VarReader(data).String());
        Assert.Throws<FormatException>(() => new VarReader([0x80, 0x80]).UInt());
        Assert.Throws<FormatException>(() => new VarReader([.. Enumerable.Repeat((byte)0xFF, 11)]).UInt());
    }

    [Fact]
    public void Bytes_LengthPastEndCountingItsOwnPrefix_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => new VarReader([0x01]).Bytes());
}
