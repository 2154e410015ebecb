namespace Locus.Gguf.Tests;

/// <summary>Derived facts on crafted files, covering the fallbacks llama.cpp also applies.</summary>
public sealed class GgufFileFactsTests
{
    private static GgufFile Build(Action<GgufWriter> configure)
    {
        var w = new GgufWriter();
        configure(w);
        using var ms = new MemoryStream();
        w.Write(ms);
        ms.Position = 0;
        return GgufReader.Read(ms);
    }

    [Fact]
    public void KeyLength_SetOrAbsent_ReadFromArchitectureKey()
    {
        var set = Build(w =>
        {
            w.SetMetadata("general.architecture", GgufValue.FromString("gemma"));
            w.SetMetadata("gemma.attention.key_length", GgufValue.FromUInt32(256));
        });
        var absent = Build(w => w.SetMetadata("general.architecture", GgufValue.FromString("llama")));

        Assert.Equal(256, set.KeyLength);
        Assert.Null(absent.KeyLength);
    }

    [Fact]
    public void Quantization_KnownFileType_UsesLlamaCppName()
    {
        var f = Build(w => w.SetMetadata("general.file_type", GgufValue.FromUInt32(15)));

        Assert.Equal(15, f.FileType);
        Assert.Equal("Q4_K_M", f.Quantization);
    }

    [Theory]
    [InlineData(0u, "ALL_F32")]
    [InlineData(2u, "Q4_0")]
    [InlineData(7u, "Q8_0")]
    [InlineData(38u, "MXFP4_MOE")]
    public void Quantization_MostlyPrefixedTypes_DropPrefix(uint fileType, string expected)
    {
        Assert.Equal(expected, Build(w => w.SetMetadata("general.file_type", GgufValue.FromUInt32(fileType))).Quantization);
    }

    [Fact]
    public void Quantization_UnknownFileType_FallsBackToDominantTensorType()
    {
        var f = Build(w =>
        {
            w.SetMetadata("general.file_type", GgufValue.FromUInt32(1024)); // LLAMA_FTYPE_GUESSED
            w.AddTensor("norm", GgmlType.F32, [64], (_, s) => s.Clear());
            w.AddTensor("big", GgmlType.Q8_0, [256, 4], (_, s) => s.Clear());
        });

        Assert.Equal("Q8_0", f.Quantization);
        Assert.Equal(64 + 1024, f.ParameterCount);
        Assert.Equal(((64 * 4) + (32 * 34)) * 8.0 / 1088, f.BitsPerWeight, 9);
    }

    [Fact]
    public void Quantization_NoTensorsNoFileType_IsNull()
    {
        Assert.Null(Build(_ => { }).Quantization);
    }

    [Fact]
    public void HeadCount_PerLayerArray_UsesMaximumAndKvFallsBack()
    {
        var f = Build(w =>
        {
            w.SetMetadata("general.architecture", GgufValue.FromString("x"));
            w.SetMetadata("x.attention.head_count", GgufValue.FromArray(GgufValueType.UInt32, [GgufValue.FromUInt32(8), GgufValue.FromUInt32(16)]));
        });

        Assert.Equal(16, f.HeadCount);
        Assert.Equal(16, f.HeadCountKv); // absent: llama.cpp uses head_count
        Assert.Null(f.ContextLength);
    }

    [Fact]
    public void ArchitectureKeys_WrongValueTypes_GiveNull()
    {
        var f = Build(w =>
        {
            w.SetMetadata("general.architecture", GgufValue.FromString("x"));
            w.SetMetadata("x.context_length", GgufValue.FromString("4096"));
            w.SetMetadata("general.name", GgufValue.FromUInt32(1));
        });

        Assert.Null(f.ContextLength);
        Assert.Null(f.Name);
        Assert.Null(f.VocabSize);
    }

    [Fact]
    public void Read_HeaderOfTenGigabyteModel_ReadsOnlyTheHeader()
    {
        const long tensorBytes = 10L << 30;
        var header = GgufBytes.Header(3, 1, 1).KvString("general.architecture", "llama")
            .Tensor("w", GgmlType.F16, 0, 1L << 20, 5120).PadTo(32).ToArray();
        using var stream = new SparseStream(header, header.Length + tensorBytes);

        var f = GgufReader.Read(stream);

        Assert.Equal(header.Length + tensorBytes, f.FileSizeBytes);
        Assert.Equal(tensorBytes, f.TensorBytes);
        Assert.Equal(5L << 30, f.ParameterCount);
        Assert.True(stream.BytesRead <= 64 * 1024, $"read {stream.BytesRead} bytes");
    }
}
