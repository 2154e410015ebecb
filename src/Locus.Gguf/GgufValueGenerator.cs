namespace Locus.Gguf;

/// <summary>
/// Fills <paramref name="destination"/> with the tensor's values starting at element
/// <paramref name="firstElement"/> (ggml order: <c>ne[0]</c> varies fastest). Called with
/// consecutive chunks, so a tensor of any size needs only one chunk of memory.
/// </summary>
public delegate void GgufValueGenerator(long firstElement, Span<float> destination);
