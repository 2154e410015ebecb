namespace Locus.Gguf.Tests;

/// <summary>Small GGUF files built with <see cref="GgufWriter"/>, so tests run without the shared models.</summary>
internal static class SyntheticModels
{
    /// <summary>Every value type, nested and empty arrays, and tensors of four types.</summary>
    public static byte[] AllValueTypes()
    {
        var w = new GgufWriter();
        foreach (var (key, value) in SampleMetadata())
        {
            w.SetMetadata(key, value);
        }

        w.AddTensor("a.f32", GgmlType.F32, [8, 3], (i, s) => Fill(i, s));
        w.AddTensor("b.f16", GgmlType.F16, [16], (i, s) => Fill(i, s));
        w.AddTensor("c.q8_0", GgmlType.Q8_0, [64, 2], (i, s) => Fill(i, s));
        w.AddTensor("d.q4_0", GgmlType.Q4_0, [32, 1, 2], (i, s) => Fill(i, s));
        using var ms = new MemoryStream();
        w.Write(ms);
        return ms.ToArray();
    }

    /// <summary>A llama-style tokenizer of <paramref name="vocab"/> tokens, as a source for <see cref="RandomModelWriter"/>.</summary>
    public static GgufFile Tokenizer(int vocab)
    {
        var w = new GgufWriter();
        w.SetMetadata("general.architecture", GgufValue.FromString("llama"));
        w.SetMetadata("tokenizer.ggml.model", GgufValue.FromString("llama"));
        w.SetMetadata("tokenizer.ggml.tokens", GgufValue.FromStrings(Enumerable.Range(0, vocab).Select(i => $"tok{i}")));
        w.SetMetadata("tokenizer.ggml.scores", GgufValue.FromArray(GgufValueType.Float32, Enumerable.Range(0, vocab).Select(i => GgufValue.FromFloat32(-i))));
        w.SetMetadata("tokenizer.ggml.token_type", GgufValue.FromArray(GgufValueType.Int32, Enumerable.Range(0, vocab).Select(_ => GgufValue.FromInt32(1))));
        w.SetMetadata("tokenizer.ggml.bos_token_id", GgufValue.FromUInt32(1));
        w.SetMetadata("source.only", GgufValue.FromString("must not be copied"));
        using var ms = new MemoryStream();
        w.Write(ms);
        ms.Position = 0;
        return GgufReader.Read(ms);
    }

    public static IEnumerable<(string Key, GgufValue Value)> SampleMetadata()
    {
        yield return ("general.architecture", GgufValue.FromString("llama"));
        yield return ("general.name", GgufValue.FromString("ünïcødé ✓ name"));
        yield return ("t.u8", GgufValue.FromUInt8(250));
        yield return ("t.i8", GgufValue.FromInt8(-120));
        yield return ("t.u16", GgufValue.FromUInt16(65000));
        yield return ("t.i16", GgufValue.FromInt16(-32000));
        yield return ("t.u32", GgufValue.FromUInt32(4_000_000_000));
        yield return ("t.i32", GgufValue.FromInt32(-2_000_000_000));
        yield return ("t.u64", GgufValue.FromUInt64(ulong.MaxValue));
        yield return ("t.i64", GgufValue.FromInt64(long.MinValue));
        yield return ("t.f32", GgufValue.FromFloat32(1.5f));
        yield return ("t.f64", GgufValue.FromFloat64(-2.25));
        yield return ("t.bool", GgufValue.FromBool(true));
        yield return ("t.empty", GgufValue.FromString(""));
        yield return ("t.strings", GgufValue.FromStrings(["a", "", "ccc"]));
        yield return ("t.no_strings", GgufValue.FromStrings([]));
        yield return ("t.ints", GgufValue.FromArray(GgufValueType.Int32, [GgufValue.FromInt32(1), GgufValue.FromInt32(-2)]));
        yield return ("t.bools", GgufValue.FromArray(GgufValueType.Bool, [GgufValue.FromBool(false), GgufValue.FromBool(true)]));
        yield return ("t.nested", GgufValue.FromArray(GgufValueType.Array, [
            GgufValue.FromStrings(["x", "y"]),
            GgufValue.FromArray(GgufValueType.Float64, [GgufValue.FromFloat64(3.5)]),
            GgufValue.FromArray(GgufValueType.Array, [GgufValue.FromStrings(["deep"])]),
        ]));
    }

    private static void Fill(long first, Span<float> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = MathF.Sin(first + i);
        }
    }
}
