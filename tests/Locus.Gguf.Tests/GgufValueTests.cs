namespace Locus.Gguf.Tests;

public sealed class GgufValueTests
{
    [Fact]
    public void AsInt64_AnyIntegerType_Widens()
    {
        Assert.Equal(-5, GgufValue.FromInt8(-5).AsInt64());
        Assert.Equal(65535, GgufValue.FromUInt16(65535).AsInt64());
        Assert.Equal(uint.MaxValue, GgufValue.FromUInt32(uint.MaxValue).AsInt64());
    }

    [Fact]
    public void AsInt64_UInt64BeyondInt64_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => GgufValue.FromUInt64(ulong.MaxValue).AsInt64());
    }

    [Fact]
    public void AsDouble_IntegerAndFloat_Converts()
    {
        Assert.Equal(7.0, GgufValue.FromInt32(7).AsDouble());
        Assert.Equal(0.25, GgufValue.FromFloat32(0.25f).AsDouble());
        Assert.Equal(1.8446744073709552E19, GgufValue.FromUInt64(ulong.MaxValue).AsDouble());
    }

    [Fact]
    public void Accessor_WrongType_ThrowsInvalidOperationNamingType()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GgufValue.FromUInt32(3).AsString());

        Assert.Equal("the value is a UInt32 (3), not a string", ex.Message);
        Assert.Throws<InvalidOperationException>(() => GgufValue.FromString("x").AsInt64());
        Assert.Throws<InvalidOperationException>(() => GgufValue.FromString("x").AsBool());
        Assert.Throws<InvalidOperationException>(() => GgufValue.FromString("x").AsArray());
        Assert.Throws<InvalidOperationException>(() => GgufValue.FromArray(GgufValueType.Int32, []).AsStrings());
    }

    [Fact]
    public void Equals_SameTypeAndBytes_IsTrue_OtherwiseFalse()
    {
        Assert.Equal(GgufValue.FromString("a"), GgufValue.FromString("a"));
        Assert.Equal(GgufValue.FromString("a").GetHashCode(), GgufValue.FromString("a").GetHashCode());
        Assert.NotEqual(GgufValue.FromInt32(1), GgufValue.FromUInt32(1));
        Assert.NotEqual(GgufValue.FromStrings(["a"]), GgufValue.FromStrings(["b"]));
    }

    [Fact]
    public void FromArray_MixedElementTypes_Throws()
    {
        Assert.Throws<ArgumentException>(() => GgufValue.FromArray(GgufValueType.Int32, [GgufValue.FromInt32(1), GgufValue.FromUInt32(1)]));
    }

    [Fact]
    public void AsStrings_IndexOutOfRange_Throws()
    {
        var list = GgufValue.FromStrings(["a", "b"]).AsStrings();

        Assert.Throws<ArgumentOutOfRangeException>(() => list[2]);
        Assert.Equal(["a", "b"], list);
    }

    [Fact]
    public void ToString_Array_ShowsElementTypeAndLength()
    {
        Assert.Equal("[String x 2]", GgufValue.FromStrings(["a", "b"]).ToString());
        Assert.Equal("true", GgufValue.FromBool(true).ToString());
        Assert.Equal("-1.5", GgufValue.FromFloat64(-1.5).ToString());
    }
}
