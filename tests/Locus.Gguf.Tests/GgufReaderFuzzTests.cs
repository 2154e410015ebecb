namespace Locus.Gguf.Tests;

/// <summary>
/// Truncated and bit-flipped files must give a valid result or a GgufFormatException, never another
/// exception, a hang, or a huge allocation.
/// </summary>
public sealed class GgufReaderFuzzTests
{
    [Fact]
    public void Read_EveryTruncationOfSyntheticFile_FailsExactlyWhenDataIsCut()
    {
        var bytes = SyntheticModels.AllValueTypes();
        var full = GgufReader.Read(new MemoryStream(bytes));
        var needed = full.Tensors.Max(t => full.DataOffset + t.Offset + t.ByteSize);

        for (var n = 0; n < bytes.Length; n++)
        {
            var outcome = Outcome(bytes, n, knownLength: true);
            Assert.True(n < needed ? outcome is GgufFormatException : outcome is GgufFile, $"length {n}: {outcome}");
        }
    }

    [ModelFact]
    public void Read_EveryTruncationOfStoriesHeader_ThrowsFormatException()
    {
        var bytes = File.ReadAllBytes(SharedModels.Stories);
        var header = (int)GgufReader.Read(new MemoryStream(bytes)).DataOffset;
        var random = new Random(1);

        // The last tensor ends exactly at the end of the file, so every shorter prefix is invalid.
        var lengths = Enumerable.Range(0, header + 1).Concat(Enumerable.Range(0, 300).Select(_ => random.Next(header, bytes.Length)));
        foreach (var n in lengths)
        {
            var outcome = Outcome(bytes, n, knownLength: true);
            Assert.True(outcome is GgufFormatException, $"length {n}: {outcome}");
        }
    }

    [ModelFact]
    public void Read_RandomTruncationsOfLargeVocabHeader_ThrowFormatException()
    {
        var bytes = File.ReadAllBytes(SharedModels.Qwen);
        var random = new Random(2);

        for (var i = 0; i < 20; i++)
        {
            var n = random.Next(0, 5_929_920);
            Assert.IsType<GgufFormatException>(Outcome(bytes, n, knownLength: i % 2 == 0));
        }
    }

    [ModelFact]
    public void Read_RandomByteFlipsInStoriesHeader_GiveResultOrFormatException()
    {
        var original = File.ReadAllBytes(SharedModels.Stories);
        FlipAndCheck(original, 14_176, cases: 3000, seed: 3);
    }

    [ModelFact]
    public void Read_RandomByteFlipsInLlama2Header_GiveResultOrFormatException()
    {
        var original = File.ReadAllBytes(SharedModels.Llama2);
        FlipAndCheck(original, 724_416, cases: 150, seed: 4);
    }

    [Fact]
    public void Read_RandomByteFlipsInSyntheticFile_GiveResultOrFormatException()
    {
        var original = SyntheticModels.AllValueTypes();
        var header = (int)GgufReader.Read(new MemoryStream(original)).DataOffset;
        FlipAndCheck(original, header, cases: 4000, seed: 5);
    }

    [Fact]
    public void Read_RandomGarbageAfterValidPreamble_GivesResultOrFormatException()
    {
        var random = new Random(6);
        for (var i = 0; i < 3000; i++)
        {
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);
            var bytes = GgufBytes.Header(3, (ulong)random.Next(0, 3), (ulong)random.Next(0, 4)).Raw(body).ToArray();
            AssertResultOrFormatException(Outcome(bytes, bytes.Length, knownLength: i % 3 != 0), i);
        }
    }

    /// <summary>Flips 1 to 4 bytes of the header region to random or boundary values, <paramref name="cases"/> times.</summary>
    private static void FlipAndCheck(byte[] original, int headerLength, int cases, int seed)
    {
        var random = new Random(seed);
        byte[] interesting = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0x40];
        var bytes = (byte[])original.Clone();
        for (var i = 0; i < cases; i++)
        {
            var positions = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(headerLength)).ToArray();
            foreach (var p in positions)
            {
                bytes[p] = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
            }

            AssertResultOrFormatException(Outcome(bytes, bytes.Length, knownLength: i % 4 != 0), i);
            foreach (var p in positions)
            {
                bytes[p] = original[p];
            }
        }
    }

    private static void AssertResultOrFormatException(object outcome, int caseNumber)
    {
        if (outcome is GgufFile f)
        {
            // A result that parses must still be self-consistent.
            Assert.All(f.Tensors, t => Assert.True(f.DataOffset + t.Offset + t.ByteSize <= f.FileSizeBytes, $"case {caseNumber}: {t}"));
            Assert.Equal(0, f.DataOffset % (f.Tensors.Count > 0 ? f.Alignment : 1));

            // Derived facts and value accessors must cope with whatever types the flipped metadata has.
            _ = (f.Architecture, f.Name, f.Quantization, f.ContextLength, f.BlockCount, f.EmbeddingLength, f.HeadCount,
                f.HeadCountKv, f.FeedForwardLength, f.VocabSize, f.ChatTemplate, f.BitsPerWeight, f.FileType);
            foreach (var (_, v) in f.Metadata)
            {
                _ = v.ToString();
                if (v.ElementType == GgufValueType.String)
                {
                    var strings = v.AsStrings();
                    _ = strings.Count > 0 ? strings[^1] : null;
                }
            }
        }
        else
        {
            Assert.True(outcome is GgufFormatException, $"case {caseNumber}: {outcome}");
        }
    }

    /// <summary>Parses the first <paramref name="length"/> bytes; returns the file or the exception thrown.</summary>
    private static object Outcome(byte[] bytes, int length, bool knownLength)
    {
        try
        {
            var stream = new MemoryStream(bytes, 0, length, writable: false);
            return knownLength ? GgufReader.Read(stream) : GgufReader.Read(new UnseekableStream(stream));
        }
#pragma warning disable CA1031 // the point of the test is to see every exception type
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
