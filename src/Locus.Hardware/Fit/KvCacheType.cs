namespace Locus.Hardware.Fit;

/// <summary>The element type of the KV cache (llama.cpp <c>--cache-type-k/-v</c>).</summary>
public enum KvCacheType
{
    F16,
    Q8_0,
    Q4_0,
}

/// <summary>Bytes per cached element: block layouts from ggml-common.h (Q8_0 34 B per 32, Q4_0 18 B per 32).</summary>
public static class KvCacheTypes
{
    public static double BytesPerElement(KvCacheType type) => type switch
    {
        KvCacheType.F16 => 2.0,
        KvCacheType.Q8_0 => 34.0 / 32,
        KvCacheType.Q4_0 => 18.0 / 32,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? text, out KvCacheType type)
    {
        foreach (var value in Enum.GetValues<KvCacheType>())
        {
            if (string.Equals(value.ToString(), text?.Replace('-', '_'), StringComparison.OrdinalIgnoreCase))
            {
                type = value;
                return true;
            }
        }

        type = default;
        return false;
    }
}
