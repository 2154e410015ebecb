using FsCheck;
using FsCheck.Fluent;

namespace Locus.Gguf.Tests;

/// <summary>FsCheck properties: any metadata the writer accepts reads back identically.</summary>
public sealed class GgufRoundTripPropertyTests
{
    private static readonly Gen<GgufValue> Scalar = Gen.OneOf(
        ArbMap.Default.GeneratorFor<int>().Select(GgufValue.FromInt32),
        ArbMap.Default.GeneratorFor<ulong>().Select(GgufValue.FromUInt64),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => GgufValue.FromFloat64(f.Get)),
        ArbMap.Default.GeneratorFor<bool>().Select(GgufValue.FromBool),
        ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => GgufValue.FromString(s.Get)));

    private static readonly Gen<GgufValue> Value = Gen.OneOf(
        Scalar,
        ArbMap.Default.GeneratorFor<NonNull<string>[]>().Select(a => GgufValue.FromStrings(a.Select(s => s.Get))),
        ArbMap.Default.GeneratorFor<short[]>().Select(a => GgufValue.FromArray(GgufValueType.Int16, a.Select(GgufValue.FromInt16))));

    [Fact]
    public void Write_ArbitraryMetadata_ReadsBackIdentically()
    {
        var entries = Gen.ListOf(Value).Select(values => values.Select((v, i) => ($"k{i}.x", v)).ToList());

        Prop.ForAll(entries.ToArbitrary(), list =>
        {
            var w = new GgufWriter();
            foreach (var (k, v) in list)
            {
                w.SetMetadata(k, v);
            }

            using var ms = new MemoryStream();
            w.Write(ms);
            ms.Position = 0;
            var f = GgufReader.Read(ms);
            return f.Metadata.Count == list.Count && list.All(e => f.Metadata[e.Item1].Equals(e.Item2));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Read_ArbitraryBytesAfterPreamble_GiveResultOrFormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), body =>
        {
            var bytes = GgufBytes.Header(3, 1, 2).Raw(body).ToArray();
            try
            {
                GgufReader.Read(new MemoryStream(bytes));
            }
            catch (GgufFormatException)
            {
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
