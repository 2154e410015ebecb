namespace Locus.Gguf;

/// <summary>Storage layout of one <see cref="GgmlType"/>: elements come in blocks of a fixed byte size.</summary>
/// <param name="Type">The type described.</param>
/// <param name="Name">Upper-case name as gguf-py spells it, e.g. <c>Q4_K</c>.</param>
/// <param name="BlockSize">Elements per block (1 for plain number types).</param>
/// <param name="BytesPerBlock">Bytes one block occupies.</param>
/// <param name="IsQuantized">Whether the type is a block quantization rather than a plain number type.</param>
public readonly record struct GgmlTypeInfo(GgmlType Type, string Name, int BlockSize, int BytesPerBlock, bool IsQuantized)
{
    /// <summary>Average storage cost of one element in bits.</summary>
    public double BitsPerElement => BytesPerBlock * 8.0 / BlockSize;
}
