namespace Locus.Gguf.Tests;

public sealed class GgmlTypeTraitsTests
{
    [Theory]
    [InlineData(GgmlType.F32, 1, 4)]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q2_K, 256, 84)]
    [InlineData(GgmlType.Q3_K, 256, 110)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.Q5_K, 256, 176)]
    [InlineData(GgmlType.Q6_K, 256, 210)]
    [InlineData(GgmlType.Q8_K, 256, 292)]
    [InlineData(GgmlType.IQ2_XXS, 256, 66)]
    [InlineData(GgmlType.IQ2_XS, 256, 74)]
    [InlineData(GgmlType.IQ3_XXS, 256, 98)]
    [InlineData(GgmlType.IQ1_S, 256, 50)]
    [InlineData(GgmlType.IQ4_NL, 32, 18)]
    [InlineData(GgmlType.IQ3_S, 256, 110)]
    [InlineData(GgmlType.IQ2_S, 256, 82)]
    [InlineData(GgmlType.IQ4_XS, 256, 136)]
    [InlineData(GgmlType.IQ1_M, 256, 56)]
    [InlineData(GgmlType.BF16, 1, 2)]
    [InlineData(GgmlType.TQ1_0, 256, 54)]
    [InlineData(GgmlType.TQ2_0, 256, 66)]
    [InlineData(GgmlType.MXFP4, 32, 17)]
    [InlineData(GgmlType.NVFP4, 64, 36)]
    [InlineData(GgmlType.Q1_0, 128, 18)]
    [InlineData(GgmlType.Q2_0, 64, 18)]
    public void Get_Type_MatchesGgufPySizes(GgmlType type, int blockSize, int bytesPerBlock)
    {
        var info = GgmlTypeTraits.Get(type);

        Assert.Equal((blockSize, bytesPerBlock), (info.BlockSize, info.BytesPerBlock));
        Assert.Equal(type.ToString(), info.Name);
    }

    [Fact]
    public void All_CoversEveryEnumValueExactlyOnce()
    {
        Assert.Equal(Enum.GetValues<GgmlType>(), GgmlTypeTraits.All.Select(t => t.Type));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(36)]
    [InlineData(43)]
    public void TryGet_RemovedOrUnknownId_ReturnsFalse(int id)
    {
        Assert.False(GgmlTypeTraits.TryGet((GgmlType)id, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => GgmlTypeTraits.Get((GgmlType)id));
    }

    [Fact]
    public void BitsPerElement_Q4_K_Is4Point5()
    {
        Assert.Equal(4.5, GgmlTypeTraits.Get(GgmlType.Q4_K).BitsPerElement);
    }
}
