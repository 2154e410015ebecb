namespace Locus.Gguf.Tests;

/// <summary>Reads the real models in ../shared/models and checks values confirmed with an independent dump.</summary>
public sealed class GgufReaderRealFileTests
{
    [ModelFact]
    public void Read_Stories260K_ReportsLlamaHyperparameters()
    {
        var f = GgufReader.Read(SharedModels.Stories);

        Assert.Equal(3u, f.Version);
        Assert.Equal("llama", f.Architecture);
        Assert.Equal("llama", f.Name);
        Assert.Equal(2048, f.ContextLength);
        Assert.Equal(64, f.EmbeddingLength);
        Assert.Equal(5, f.BlockCount);
        Assert.Equal(8, f.HeadCount);
        Assert.Equal(4, f.HeadCountKv);
        Assert.Equal(172, f.FeedForwardLength);
        Assert.Equal(512, f.VocabSize);
        Assert.Null(f.ChatTemplate);
        Assert.Equal(19, f.Metadata.Count);
    }

    [ModelFact]
    public void Read_Stories260K_ComputesLayoutAndSizes()
    {
        var f = GgufReader.Read(SharedModels.Stories);

        Assert.Equal(1_185_376, f.FileSizeBytes);
        Assert.Equal(14_176, f.DataOffset); // 14,152 bytes of header padded to 32
        Assert.Equal(32u, f.Alignment);
        Assert.Equal(48, f.Tensors.Count);
        Assert.Equal(292_800, f.ParameterCount);
        Assert.Equal(32.0, f.BitsPerWeight);
        Assert.Null(f.FileType);
        Assert.Equal("F32", f.Quantization); // no general.file_type: the dominant tensor type
        var ffnDown = f.Tensors.Single(t => t.Name == "blk.0.ffn_down.weight");
        Assert.Equal([172L, 64L], ffnDown.Dimensions);
        Assert.Equal(GgmlType.F32, ffnDown.Type);
        Assert.Equal(355_840, ffnDown.Offset);
        Assert.Equal(172 * 64 * 4, ffnDown.ByteSize);
    }

    [ModelFact]
    public void Read_Stories260K_DecodesTokenizerArrays()
    {
        var f = GgufReader.Read(SharedModels.Stories);

        var tokens = f.Metadata["tokenizer.ggml.tokens"].AsStrings();
        Assert.Equal(512, tokens.Count);
        Assert.Equal(["<unk>", "<s>", "</s>"], tokens.Take(3));
        Assert.Equal("llama", f.Metadata["tokenizer.ggml.model"].AsString());
        Assert.Equal(GgufValueType.Float32, f.Metadata["tokenizer.ggml.scores"].ElementType);
        Assert.Equal(2, f.Metadata["tokenizer.ggml.token_type"].AsArray()[0].AsInt64());
        Assert.Equal(4294967295L, f.Metadata["tokenizer.ggml.padding_token_id"].AsInt64());
        Assert.Equal(1e-5, f.Metadata["llama.attention.layer_norm_rms_epsilon"].AsDouble(), 1e-9);
    }

    [ModelFact]
    public void Read_RandomQwen2Tiny_ReportsQwen2WithChatMLTemplate()
    {
        var f = GgufReader.Read(SharedModels.Qwen);

        Assert.Equal("qwen2", f.Architecture);
        Assert.Equal(151_936, f.VocabSize);
        Assert.Contains("<|im_start|>", f.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal(1, f.FileType);
        Assert.Equal("F16", f.Quantization);
        Assert.Equal(2048, f.ContextLength);
        Assert.Equal(2, f.BlockCount);
        Assert.Equal(4, f.HeadCount);
        Assert.Equal(2, f.HeadCountKv);
        Assert.Equal(128, f.FeedForwardLength);
        Assert.Equal(20, f.Tensors.Count);
        Assert.Equal(25_526_464, f.FileSizeBytes);
    }

    [ModelFact]
    public void Read_RandomQwen2Tiny_IndexesLargeStringArraysLazily()
    {
        var f = GgufReader.Read(SharedModels.Qwen);

        var tokens = f.Metadata["tokenizer.ggml.tokens"].AsStrings();
        var merges = f.Metadata["tokenizer.ggml.merges"].AsStrings();
        Assert.Equal("!", tokens[0]);
        Assert.Equal("<|endoftext|>", tokens[151_643]);
        Assert.Equal(151_387, merges.Count);
        Assert.Equal("Ġ Ġ", merges[0]);
    }

    [ModelFact]
    public void Read_Llama2TinyRandom_ReportsLlama2Shape()
    {
        var f = GgufReader.Read(SharedModels.Llama2);

        Assert.Equal("llama", f.Architecture);
        Assert.Equal("LLaMA v2", f.Name);
        Assert.Equal(32_000, f.VocabSize);
        Assert.Equal(4096, f.ContextLength);
        Assert.Equal(8, f.EmbeddingLength);
        Assert.Equal(1, f.BlockCount);
        Assert.Equal(2, f.HeadCount);
        Assert.Equal(32, f.FeedForwardLength);
        Assert.Equal("F16", f.Quantization);
        Assert.Equal(12, f.Tensors.Count);
        Assert.Equal(513_048, f.ParameterCount);
        Assert.Equal("<s>", f.Metadata["tokenizer.ggml.tokens"].AsStrings()[1]);
    }

    [ModelFact]
    public void Read_RealFile_ReadsNoTensorData()
    {
        var bytes = File.ReadAllBytes(SharedModels.Qwen);
        using var stream = new SparseStream(bytes, bytes.Length);

        var f = GgufReader.Read(stream);

        // 19 MB of the 25 MB file is tensor data; the reader may overshoot the header by one buffer at most.
        Assert.InRange(stream.BytesRead, f.DataOffset - 32, f.DataOffset + (64 * 1024));
    }

    [ModelFact]
    public void Read_StreamOffsetInsideLargerStream_MeasuresFromStartPosition()
    {
        var model = File.ReadAllBytes(SharedModels.Stories);
        var padded = new byte[100 + model.Length];
        model.CopyTo(padded, 100);
        using var stream = new MemoryStream(padded) { Position = 100 };

        var f = GgufReader.Read(stream);

        Assert.Equal(model.Length, f.FileSizeBytes);
        Assert.Equal(14_176, f.DataOffset);
    }
}
