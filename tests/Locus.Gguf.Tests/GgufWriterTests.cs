namespace Locus.Gguf.Tests;

public sealed class GgufWriterTests
{
    [Fact]
    public void Write_AllValueTypes_ReadBackEqualInOrder()
    {
        var expected = SyntheticModels.SampleMetadata().ToList();

        var f = GgufReader.Read(new MemoryStream(SyntheticModels.AllValueTypes()));

        Assert.Equal(expected.Select(e => e.Key), f.Metadata.Keys);
        Assert.All(expected, e => Assert.Equal(e.Value, f.Metadata[e.Key]));
        Assert.Equal(ulong.MaxValue, ulong.Parse(f.Metadata["t.u64"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(long.MinValue, f.Metadata["t.i64"].AsInt64());
        Assert.Equal(-120, f.Metadata["t.i8"].AsInt64());
        Assert.Equal("ünïcødé ✓ name", f.Name);
    }

    [Fact]
    public void Write_NestedArrays_ReadBackStructure()
    {
        var f = GgufReader.Read(new MemoryStream(SyntheticModels.AllValueTypes()));

        var nested = f.Metadata["t.nested"].AsArray();
        Assert.Equal(3, nested.Count);
        Assert.Equal(["x", "y"], nested[0].AsStrings());
        Assert.Equal(3.5, nested[1].AsArray()[0].AsDouble());
        Assert.Equal("deep", nested[2].AsArray()[0].AsStrings()[0]);
    }

    [Fact]
    public void Write_Tensors_AreAlignedAndPacked()
    {
        var f = GgufReader.Read(new MemoryStream(SyntheticModels.AllValueTypes()));

        Assert.Equal(0, f.DataOffset % 32);
        Assert.Equal(["a.f32", "b.f16", "c.q8_0", "d.q4_0"], f.Tensors.Select(t => t.Name));
        Assert.Equal([0L, 96, 128, 288], f.Tensors.Select(t => t.Offset)); // 96, 32, 136 -> 160 and 36 -> 64 bytes after padding
        Assert.Equal([32L, 1, 2], f.Tensors[3].Dimensions);
        Assert.Equal(GgmlType.Q4_0, f.Tensors[3].Type);
        Assert.Equal(f.DataOffset + 288 + 64, f.FileSizeBytes); // ggml pads after the last tensor too
    }

    [Fact]
    public void Write_CustomAlignment_AlignsDataAndTensors()
    {
        var w = new GgufWriter();
        w.SetMetadata("general.alignment", GgufValue.FromUInt32(256));
        w.AddTensor("a", GgmlType.F32, [3], s => s.Write(new byte[12]));
        w.AddTensor("b", GgmlType.F32, [5], s => s.Write(new byte[20]));
        using var ms = new MemoryStream();
        w.Write(ms);
        ms.Position = 0;

        var f = GgufReader.Read(ms);

        Assert.Equal(256u, f.Alignment);
        Assert.Equal(256, f.DataOffset);
        Assert.Equal(256, f.Tensors[1].Offset);
    }

    [Fact]
    public void Write_RawTensorData_IsStoredByteForByte()
    {
        var data = Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray();
        var w = new GgufWriter();
        w.AddTensor("i8", GgmlType.I8, [40], s => { s.Write(data, 0, 25); s.Write(data.AsSpan(25)); });
        using var ms = new MemoryStream();
        w.Write(ms);

        var f = GgufReader.Read(new MemoryStream(ms.ToArray()));

        Assert.Equal(data, ms.ToArray().AsSpan((int)f.DataOffset, 40).ToArray());
    }

    [Theory]
    [InlineData(39)]
    [InlineData(41)]
    public void Write_CallbackWritesWrongByteCount_ThrowsAndLeavesNoFile(int written)
    {
        var w = new GgufWriter();
        w.AddTensor("t", GgmlType.I8, [40], s => s.Write(new byte[written]));
        var path = Path.Combine(Path.GetTempPath(), $"locus-bad-{Guid.NewGuid():N}.gguf");

        var ex = Assert.Throws<InvalidOperationException>(() => w.Write(path));

        Assert.Contains("tensor 't'", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void AddTensor_DuplicateName_Throws()
    {
        var w = new GgufWriter();
        w.AddTensor("t", GgmlType.F32, [1], s => s.Write(new byte[4]));

        Assert.Throws<ArgumentException>(() => w.AddTensor("t", GgmlType.F32, [1], s => s.Write(new byte[4])));
    }

    [Fact]
    public void AddTensor_RowNotWholeBlocks_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("q", GgmlType.Q8_0, [48, 2], (_, _) => { }));

        Assert.Contains("blocks of 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTensor_NameLongerThanGgmlAllows_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor(new string('n', 64), GgmlType.F32, [1], (_, _) => { }));
    }

    [Fact]
    public void AddTensor_GeneratedValuesOfUnsupportedType_ThrowsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => new GgufWriter().AddTensor("k", GgmlType.Q4_K, [256], (_, _) => { }));
    }

    [Theory]
    [InlineData(48u)]
    [InlineData(0u)]
    public void SetMetadata_BadAlignment_Throws(uint alignment)
    {
        Assert.Throws<ArgumentException>(() => new GgufWriter().SetMetadata("general.alignment", GgufValue.FromUInt32(alignment)));
    }

    [Fact]
    public void SetMetadata_ExistingKey_ReplacesInPlace()
    {
        var w = new GgufWriter();
        w.SetMetadata("a", GgufValue.FromUInt32(1));
        w.SetMetadata("b", GgufValue.FromUInt32(2));
        w.SetMetadata("a", GgufValue.FromUInt32(3));
        using var ms = new MemoryStream();
        w.Write(ms);
        ms.Position = 0;

        var f = GgufReader.Read(ms);

        Assert.Equal(["a", "b"], f.Metadata.Keys);
        Assert.Equal(3, f.Metadata["a"].AsInt64());
    }

    [Fact]
    public void Write_LargeGeneratedTensor_StreamsWithoutBufferingIt()
    {
        var w = new GgufWriter();
        const long elements = 16L << 20; // 32 MB of F16
        w.AddTensor("big", GgmlType.F16, [4096, elements / 4096], (_, s) => s.Fill(0.5f));
        var before = GC.GetAllocatedBytesForCurrentThread();

        w.Write(Stream.Null);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20, "the tensor must not be materialised");
    }

    [ModelFact]
    public void Write_CopyOfRealFile_IsByteIdentical()
    {
        foreach (var path in new[] { SharedModels.Stories, SharedModels.Llama2 })
        {
            var original = File.ReadAllBytes(path);
            var source = GgufReader.Read(path);
            var w = new GgufWriter();
            foreach (var (key, value) in source.Metadata)
            {
                w.SetMetadata(key, value);
            }

            foreach (var t in source.Tensors)
            {
                w.AddTensor(t.Name, t.Type, t.Dimensions, s => s.Write(original, (int)(source.DataOffset + t.Offset), (int)t.ByteSize));
            }

            using var copy = new MemoryStream();
            w.Write(copy);

            Assert.True(original.AsSpan().SequenceEqual(copy.ToArray()), $"{Path.GetFileName(path)} copy differs");
        }
    }
}
