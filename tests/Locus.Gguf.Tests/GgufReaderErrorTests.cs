namespace Locus.Gguf.Tests;

/// <summary>Each kind of header or metadata corruption gives a GgufFormatException whose message says what and where.</summary>
public sealed class GgufReaderErrorTests
{
    [Fact]
    public void Read_ZipFile_ReportsMagic()
    {
        var ex = new GgufBytes().Raw([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]).ReadFails();

        Assert.Equal(@"not a GGUF file: magic is 'PK\x03\x04' (expected 'GGUF')", ex.Message);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void Read_EmptyFile_ReportsTruncatedMagic()
    {
        var ex = new GgufBytes().ReadFails();

        Assert.Equal("truncated at offset 0 while reading the magic 'GGUF' (file is 0 bytes)", ex.Message);
    }

    [Theory]
    [InlineData(1u, "GGUF version 1 is obsolete")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0u, "looks byte-swapped")]
    [InlineData(0x03000000u, "big-endian GGUF files are not supported")]
    public void Read_UnsupportedVersion_NamesVersion(uint version, string expected)
    {
        var ex = GgufBytes.Header(version, 0, 0).ReadFails();

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Offset);
    }

    [Fact]
    public void Read_Version2_IsAccepted()
    {
        var f = GgufBytes.Header(2, 0, 1).KvString("general.architecture", "llama").Read();

        Assert.Equal(2u, f.Version);
        Assert.Equal("llama", f.Architecture);
    }

    [Fact]
    public void Read_TruncatedInsideArray_NamesKeyOffsetAndFileSize()
    {
        var full = GgufBytes.Header(3, 0, 1).KvStrings("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>").ToArray();
        var cut = full[..^6]; // keeps 6 of the 8 length bytes of "</s>"

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(cut)));

        Assert.Equal($"truncated at offset {cut.Length - 6} while reading the value of key 'tokenizer.ggml.tokens' (file is {cut.Length} bytes)", ex.Message);
        Assert.Equal(cut.Length - 6, ex.Offset);
    }

    [Fact]
    public void Read_HugeStringLength_ReportsLengthOffsetAndFileSize()
    {
        var bytes = GgufBytes.Header(3, 0, 1).Str("general.name").U32((uint)GgufValueType.String).U64(9_000_000_000_000_000_000).Zeros(8);
        var lengthOffset = bytes.Length - 16;

        var ex = bytes.ReadFails();

        Assert.StartsWith($"string length 9000000000000000000 at offset {lengthOffset} (in the value of key 'general.name') exceeds the maximum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArrayStringCutShort_ReportsLengthBeyondFile()
    {
        var full = GgufBytes.Header(3, 0, 1).KvStrings("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>").ToArray();
        var cut = full[..^2];

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(cut)));

        Assert.Equal($"string length 4 at offset {cut.Length - 10} (in the value of key 'tokenizer.ggml.tokens') exceeds the file size: only 2 of {cut.Length} bytes remain", ex.Message);
    }

    [Fact]
    public void Read_StringLongerThanFile_ReportsBytesRemaining()
    {
        var ex = GgufBytes.Header(3, 0, 1).Str("general.name").U32((uint)GgufValueType.String).U64(1000).Zeros(10).ReadFails();

        Assert.Contains("string length 1000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds the file size: only 10 of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownValueType_NamesTypeAndKey()
    {
        var ex = GgufBytes.Header(3, 0, 1).Str("x.y").U32(13).U32(0).ReadFails();

        Assert.Equal("key 'x.y' has unknown value type 13 at offset 35", ex.Message);
    }

    [Fact]
    public void Read_UnknownArrayElementType_NamesType()
    {
        var ex = GgufBytes.Header(3, 0, 1).Str("a").U32((uint)GgufValueType.Array).U32(99).U64(0).ReadFails();

        Assert.Contains("unknown value type 99 for array elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateKey_NamesKey()
    {
        var ex = GgufBytes.Header(3, 0, 2).KvU32("a.b", 1).KvU32("a.b", 2).ReadFails();

        Assert.StartsWith("duplicate key 'a.b' at offset ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyKey_IsRejected()
    {
        var ex = GgufBytes.Header(3, 0, 1).KvU32("", 1).ReadFails();

        Assert.Contains("empty key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeyWithControlCharacters_EscapesThemInMessage()
    {
        var ex = GgufBytes.Header(3, 0, 2).KvU32("k\n", 1).KvU32("k\n", 2).ReadFails();

        Assert.Contains(@"duplicate key 'k\u000A'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(48u)]
    [InlineData(0u)]
    public void Read_AlignmentNotPowerOfTwo_ReportsBadAlignment(uint alignment)
    {
        var ex = GgufBytes.Header(3, 0, 1).KvU32("general.alignment", alignment).ReadFails();

        Assert.Equal($"bad alignment: 'general.alignment' is {alignment}, which is not a power of two", ex.Message);
    }

    [Fact]
    public void Read_AlignmentOfWrongType_ReportsBadAlignment()
    {
        var ex = GgufBytes.Header(3, 0, 1).Str("general.alignment").U32((uint)GgufValueType.Int32).I32(32).ReadFails();

        Assert.Equal("bad alignment: 'general.alignment' must be UInt32 but is Int32", ex.Message);
    }

    [Fact]
    public void Read_ArraysNestedTooDeep_IsRejected()
    {
        var bytes = GgufBytes.Header(3, 0, 1).Str("deep").U32((uint)GgufValueType.Array);
        for (var i = 0; i < 20; i++)
        {
            bytes.U32((uint)GgufValueType.Array).U64(1);
        }

        var ex = bytes.U32((uint)GgufValueType.UInt8).U64(0).ReadFails();

        Assert.Contains("arrays nested more than 8 deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImpossibleKvCount_IsRejected()
    {
        var ex = GgufBytes.Header(3, 0, ulong.MaxValue).ReadFails();

        Assert.StartsWith("metadata entry count 18446744073709551615 at offset 16 is impossible", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArrayLengthBeyondFile_IsRejectedBeforeAllocating()
    {
        var bytes = GgufBytes.Header(3, 0, 1).Str("t").U32((uint)GgufValueType.Array).U32((uint)GgufValueType.String).U64(1UL << 29).Zeros(16);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = bytes.ReadFails();

        Assert.Contains("array length 536870912", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exceeds the file size", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "must not allocate for the declared length");
    }

    [Fact]
    public void Read_ArrayLengthBeyondLimit_IsRejected()
    {
        var ex = GgufBytes.Header(3, 0, 1).Str("t").U32((uint)GgufValueType.Array).U32((uint)GgufValueType.UInt8).U64(1UL << 40).ReadFails();

        Assert.Contains("exceeds the maximum of 1073741824 elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnseekableStreamWithHugeString_FailsOnTruncationWithoutAllocating()
    {
        var bytes = GgufBytes.Header(3, 0, 1).Str("k").U32((uint)GgufValueType.String).U64(1UL << 30).Zeros(100).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new UnseekableStream(new MemoryStream(bytes))));

        Assert.Contains("stream ended after", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "must not allocate for the declared length");
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"locus-missing-{Guid.NewGuid():N}.gguf");

        Assert.Throws<FileNotFoundException>(() => GgufReader.Read(path));
    }
}
