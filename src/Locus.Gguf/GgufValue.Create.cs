using System.Buffers.Binary;
using System.Text;

namespace Locus.Gguf;

/// <content>Factories for values to write.</content>
public sealed partial class GgufValue
{
    /// <summary>A UTF-8 string value.</summary>
    public static GgufValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ByteBuffer(value.Length + 8);
        AppendString(buffer, value);
        return new GgufValue(GgufValueType.String, buffer.ToArray());
    }

    /// <summary>A boolean value.</summary>
    public static GgufValue FromBool(bool value) => new(GgufValueType.Bool, [value ? (byte)1 : (byte)0]);

    /// <summary>An unsigned 8-bit value.</summary>
    public static GgufValue FromUInt8(byte value) => new(GgufValueType.UInt8, [value]);

    /// <summary>A signed 8-bit value.</summary>
    public static GgufValue FromInt8(sbyte value) => new(GgufValueType.Int8, [(byte)value]);

    /// <summary>An unsigned 16-bit value.</summary>
    public static GgufValue FromUInt16(ushort value) => Fixed(GgufValueType.UInt16, b => BinaryPrimitives.WriteUInt16LittleEndian(b, value));

    /// <summary>A signed 16-bit value.</summary>
    public static GgufValue FromInt16(short value) => Fixed(GgufValueType.Int16, b => BinaryPrimitives.WriteInt16LittleEndian(b, value));

    /// <summary>An unsigned 32-bit value.</summary>
    public static GgufValue FromUInt32(uint value) => Fixed(GgufValueType.UInt32, b => BinaryPrimitives.WriteUInt32LittleEndian(b, value));

    /// <summary>A signed 32-bit value.</summary>
    public static GgufValue FromInt32(int value) => Fixed(GgufValueType.Int32, b => BinaryPrimitives.WriteInt32LittleEndian(b, value));

    /// <summary>An unsigned 64-bit value.</summary>
    public static GgufValue FromUInt64(ulong value) => Fixed(GgufValueType.UInt64, b => BinaryPrimitives.WriteUInt64LittleEndian(b, value));

    /// <summary>A signed 64-bit value.</summary>
    public static GgufValue FromInt64(long value) => Fixed(GgufValueType.Int64, b => BinaryPrimitives.WriteInt64LittleEndian(b, value));

    /// <summary>A 32-bit float value.</summary>
    public static GgufValue FromFloat32(float value) => Fixed(GgufValueType.Float32, b => BinaryPrimitives.WriteSingleLittleEndian(b, value));

    /// <summary>A 64-bit float value.</summary>
    public static GgufValue FromFloat64(double value) => Fixed(GgufValueType.Float64, b => BinaryPrimitives.WriteDoubleLittleEndian(b, value));

    /// <summary>An array of strings.</summary>
    public static GgufValue FromStrings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var body = new ByteBuffer();
        var count = 0;
        foreach (var s in values)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(values));
            AppendString(body, s);
            count++;
        }

        return MakeArray(GgufValueType.String, count, body);
    }

    /// <summary>
    /// An array whose elements all have type <paramref name="elementType"/>; elements may themselves
    /// be arrays (of any element type), as the GGUF spec allows, though llama.cpp reads only flat arrays.
    /// </summary>
    /// <exception cref="ArgumentException">An element's type differs from <paramref name="elementType"/>.</exception>
    public static GgufValue FromArray(GgufValueType elementType, IEnumerable<GgufValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (!GgufLimits.IsKnown(elementType))
        {
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "not a GGUF value type");
        }

        var body = new ByteBuffer();
        var count = 0;
        foreach (var e in elements)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(elements));
            if (e.Type != elementType)
            {
                throw new ArgumentException($"element {count} is {e.Type}, but the array holds {elementType}", nameof(elements));
            }

            body.Append(e.Payload);
            count++;
        }

        return MakeArray(elementType, count, body);
    }

    private static GgufValue MakeArray(GgufValueType elementType, int count, ByteBuffer body)
    {
        var payload = new ByteBuffer(body.Count + ArrayHeaderBytes);
        payload.AppendUInt32((uint)elementType);
        payload.AppendUInt64((ulong)count);
        payload.Append(body.Span);
        return new GgufValue(GgufValueType.Array, payload.ToArray());
    }

    private static void AppendString(ByteBuffer buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        buffer.AppendUInt64((ulong)bytes.Length);
        buffer.Append(bytes);
    }

    private static GgufValue Fixed(GgufValueType type, SpanAction write)
    {
        var payload = new byte[GgufLimits.FixedSize(type)];
        write(payload);
        return new GgufValue(type, payload);
    }

    private delegate void SpanAction(Span<byte> destination);
}
