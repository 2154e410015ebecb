using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Locus.Gguf;

/// <summary>
/// One metadata value. It keeps the value's bytes exactly as they appear in the file (after the
/// type tag), which makes huge arrays such as <c>tokenizer.ggml.tokens</c> one compact allocation,
/// lets a writer copy them verbatim, and decodes elements only when asked.
/// </summary>
public sealed partial class GgufValue : IEquatable<GgufValue>
{
    private const int ArrayHeaderBytes = 12; // element type (u32) + count (u64)

    private readonly byte[] _payload;
    private int[]? _elementOffsets; // built on first indexed access of a string or nested array

    internal GgufValue(GgufValueType type, byte[] payload)
    {
        Type = type;
        _payload = payload;
        if (type == GgufValueType.Array)
        {
            ElementType = (GgufValueType)BinaryPrimitives.ReadUInt32LittleEndian(payload);
            ArrayLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(4)));
        }
    }

    /// <summary>The value's type; <see cref="GgufValueType.Array"/> for arrays.</summary>
    public GgufValueType Type { get; }

    /// <summary>Type of the elements when <see cref="Type"/> is an array, otherwise null.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>Number of elements when <see cref="Type"/> is an array, otherwise 0.</summary>
    public int ArrayLength { get; }

    /// <summary>The bytes following the type tag in the file.</summary>
    internal ReadOnlySpan<byte> Payload => _payload;

    /// <summary>The value of a string.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() =>
        Type == GgufValueType.String ? Encoding.UTF8.GetString(_payload.AsSpan(8)) : throw WrongType("a string");

    /// <summary>The value of any integer type as a signed 64-bit number.</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer, or does not fit.</exception>
    public long AsInt64() =>
        TryGetInt64(out var v) ? v : throw WrongType("an integer that fits in Int64");

    /// <summary>The value of any integer or float type as a double.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double AsDouble() => Type switch
    {
        GgufValueType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(_payload),
        GgufValueType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(_payload),
        GgufValueType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(_payload),
        _ => TryGetInt64(out var v) ? v : throw WrongType("a number"),
    };

    /// <summary>The value of a boolean.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool AsBool() => Type == GgufValueType.Bool ? _payload[0] != 0 : throw WrongType("a boolean");

    /// <summary>The elements of a string array, decoded one at a time as they are indexed.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array of strings.</exception>
    public IReadOnlyList<string> AsStrings() =>
        ElementType == GgufValueType.String ? new GgufStringList(this) : throw WrongType("an array of strings");

    /// <summary>The elements of an array of any element type, each as its own value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array.</exception>
    public IReadOnlyList<GgufValue> AsArray()
    {
        if (ElementType is not { } elementType)
        {
            throw WrongType("an array");
        }

        var items = new GgufValue[ArrayLength];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new GgufValue(elementType, ElementBytes(i).ToArray());
        }

        return items;
    }

    internal bool TryGetInt64(out long value)
    {
        var p = _payload.AsSpan();
        switch (Type)
        {
            case GgufValueType.UInt8: value = p[0]; return true;
            case GgufValueType.Int8: value = (sbyte)p[0]; return true;
            case GgufValueType.UInt16: value = BinaryPrimitives.ReadUInt16LittleEndian(p); return true;
            case GgufValueType.Int16: value = BinaryPrimitives.ReadInt16LittleEndian(p); return true;
            case GgufValueType.UInt32: value = BinaryPrimitives.ReadUInt32LittleEndian(p); return true;
            case GgufValueType.Int32: value = BinaryPrimitives.ReadInt32LittleEndian(p); return true;
            case GgufValueType.Int64: value = BinaryPrimitives.ReadInt64LittleEndian(p); return true;
            case GgufValueType.UInt64:
                var u = BinaryPrimitives.ReadUInt64LittleEndian(p);
                value = (long)u;
                return u <= long.MaxValue;
            default: value = 0; return false;
        }
    }

    private InvalidOperationException WrongType(string wanted) =>
        new($"the value is {Describe()}, not {wanted}");

    private string Describe() => Type == GgufValueType.Array ? $"an array of {ArrayLength} {ElementType}" : $"a {Type} ({this})";

    /// <summary>Scalars as their value; arrays as their element type and length.</summary>
    public override string ToString() => Type switch
    {
        GgufValueType.String => AsString(),
        GgufValueType.Array => $"[{ElementType} x {ArrayLength}]",
        GgufValueType.Bool => AsBool() ? "true" : "false",
        GgufValueType.Float32 or GgufValueType.Float64 => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        GgufValueType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(_payload).ToString(CultureInfo.InvariantCulture),
        _ => AsInt64().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Values are equal when they have the same type and the same bytes in the file.</summary>
    public bool Equals(GgufValue? other) =>
        other is not null && other.Type == Type && other._payload.AsSpan().SequenceEqual(_payload);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GgufValue v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(_payload.Length);
        hash.AddBytes(_payload.AsSpan(0, Math.Min(_payload.Length, 64)));
        return hash.ToHashCode();
    }
}
