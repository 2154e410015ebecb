namespace Locus.Gguf;

/// <summary>Format constants and the sanity limits the reader enforces on untrusted sizes.</summary>
internal static class GgufLimits
{
    public const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    public const uint WriteVersion = 3;
    public const uint DefaultAlignment = 32;
    public const string AlignmentKey = "general.alignment";

    /// <summary>ggml's GGUF_MAX_STRING_LENGTH; longer strings are rejected by llama.cpp too.</summary>
    public const ulong MaxStringLength = 1024 * 1024 * 1024;

    /// <summary>ggml's GGUF_MAX_ARRAY_ELEMENTS.</summary>
    public const ulong MaxArrayElements = 1024 * 1024 * 1024;

    /// <summary>The GGUF spec caps keys at 2^16-1 bytes; enforcing it keeps key reads small.</summary>
    public const int MaxKeyLength = ushort.MaxValue;

    /// <summary>ggml stores names in char[GGML_MAX_NAME = 64] with a terminator.</summary>
    public const int MaxTensorNameLength = 63;

    /// <summary>GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>The spec allows arrays of arrays; nothing real goes deeper than 2, and recursion must stay bounded.</summary>
    public const int MaxArrayDepth = 8;

    /// <summary>Smallest possible metadata entry: 8-byte key length, 1-byte key, 4-byte type, 1-byte value.</summary>
    public const int MinKvBytes = 14;

    /// <summary>Smallest possible tensor info: 8-byte name length, 4-byte n_dims, 4-byte type, 8-byte offset.</summary>
    public const int MinTensorInfoBytes = 24;

    /// <summary>Bytes one element of a fixed-size value type takes; 0 for strings and arrays.</summary>
    public static int FixedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => 0,
    };

    /// <summary>Fewest bytes a value of this type can occupy, used to reject impossible counts early.</summary>
    public static int MinSize(GgufValueType type) => type switch
    {
        GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => FixedSize(type),
    };

    public static bool IsKnown(GgufValueType type) => type is >= GgufValueType.UInt8 and <= GgufValueType.Float64;

    public static long Pad(long offset, long alignment) => (offset + alignment - 1) / alignment * alignment;
}
