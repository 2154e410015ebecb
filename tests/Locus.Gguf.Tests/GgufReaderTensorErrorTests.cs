namespace Locus.Gguf.Tests;

/// <summary>Corrupt tensor infos give a GgufFormatException naming the tensor and the problem, as ggml would reject them.</summary>
public sealed class GgufReaderTensorErrorTests
{
    [Fact]
    public void Read_TensorDataPastEndOfFile_NamesTensor()
    {
        var bytes = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.F32, 0, 16).PadTo(32).Zeros(60);

        var ex = bytes.ReadFails();

        Assert.StartsWith("tensor data extends past end of file: tensor 'w' (64 bytes at offset 64) ends at offset 128, but the file is 124 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImpossibleTensorCount_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1UL << 60, 0).ReadFails();

        Assert.StartsWith("tensor count 1152921504606846976 at offset 8 is impossible", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31u, "unknown ggml type 31")]
    [InlineData(43u, "unknown ggml type 43")]
    [InlineData(uint.MaxValue, "unknown ggml type 4294967295")]
    public void Read_UnknownTensorType_NamesType(uint type, string expected)
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", (GgmlType)type, 0, 32).ReadFails();

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowNotWholeBlocks_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.Q4_0, 0, 33, 2).ReadFails();

        Assert.Contains("rows of 33 elements, not a multiple of the block size 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeDimension_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.F32, 0, 4, -1).ReadFails();

        Assert.Contains("dimension 1 is -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverflowingShape_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.F32, 0, 1L << 40, 1L << 40).ReadFails();

        Assert.Contains("too many elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiveDimensions_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.F32, 0, 1, 1, 1, 1, 1).ReadFails();

        Assert.Contains("has 5 dimensions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateTensorName_IsRejected()
    {
        var ex = GgufBytes.Header(3, 2, 0).Tensor("w", GgmlType.F32, 0, 8).Tensor("w", GgmlType.F32, 32, 8).PadTo(32).Zeros(64).ReadFails();

        Assert.Contains("duplicate tensor name 'w'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MisalignedTensorOffset_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor("w", GgmlType.F32, 4, 8).PadTo(32).Zeros(64).ReadFails();

        Assert.Contains("data offset 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alignment 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TensorNameLongerThanGgmlAllows_IsRejected()
    {
        var ex = GgufBytes.Header(3, 1, 0).Tensor(new string('n', 64), GgmlType.F32, 0, 8).ReadFails();

        Assert.Contains("tensor name length 64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maximum of 63 bytes", ex.Message, StringComparison.Ordinal);
    }
}
