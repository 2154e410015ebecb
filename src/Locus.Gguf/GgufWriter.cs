using System.Text;

namespace Locus.Gguf;

/// <summary>
/// Writes a GGUF v3 file as ggml's <c>gguf_write_to_file</c> lays it out: header, metadata, tensor
/// infos, then each tensor's data padded to the alignment. Tensor data is streamed from callbacks
/// at write time, so a file of any size needs little memory.
/// </summary>
public sealed class GgufWriter
{
    private readonly GgufMetadata _metadata = new();
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a metadata entry, or replaces the value of an existing key in place. Setting
    /// <c>general.alignment</c> (UInt32, a power of two) changes the data alignment from 32.
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty or too long, or the alignment is invalid.</exception>
    public void SetMetadata(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (Encoding.UTF8.GetByteCount(key) > GgufLimits.MaxKeyLength)
        {
            throw new ArgumentException($"keys are at most {GgufLimits.MaxKeyLength} bytes", nameof(key));
        }

        if (key == GgufLimits.AlignmentKey &&
            (value.Type != GgufValueType.UInt32 || value.AsInt64() is var a && (a == 0 || (a & (a - 1)) != 0)))
        {
            throw new ArgumentException($"'{key}' must be a UInt32 power of two", nameof(value));
        }

        _metadata.Set(key, value);
    }

    /// <summary>
    /// Adds a tensor whose raw bytes <paramref name="writeData"/> writes to the stream it is given,
    /// exactly <see cref="GgmlTypeTraits"/>-sized for the shape, when the file is written.
    /// </summary>
    /// <param name="name">Unique tensor name, at most 63 UTF-8 bytes (ggml's limit).</param>
    /// <param name="type">Element type.</param>
    /// <param name="dimensions">Shape in ggml order (<c>ne[0]</c> first), 1 to 4 dimensions.</param>
    /// <param name="writeData">Writes the tensor's bytes; writing too few or too many fails the write.</param>
    /// <exception cref="ArgumentException">Bad name, duplicate name, or a shape the type cannot store.</exception>
    public void AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, Action<Stream> writeData)
    {
        ArgumentNullException.ThrowIfNull(writeData);
        var (dims, _, bytes) = Validate(name, type, dimensions);
        _tensorNames.Add(name);
        _tensors.Add(new PendingTensor(name, type, dims, bytes, writeData));
    }

    /// <summary>
    /// Adds a tensor of type F32, F16, Q8_0 or Q4_0 whose values <paramref name="generateValues"/>
    /// produces chunk by chunk; they are encoded as ggml's reference quantizers do.
    /// </summary>
    /// <exception cref="NotSupportedException">The type is not one of the four above.</exception>
    /// <exception cref="ArgumentException">Bad name, duplicate name, or a shape the type cannot store.</exception>
    public void AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, GgufValueGenerator generateValues)
    {
        ArgumentNullException.ThrowIfNull(generateValues);
        if (!GgmlEncoder.CanEncode(type))
        {
            throw new NotSupportedException($"cannot encode values as {type}; use F32, F16, Q8_0 or Q4_0, or pass raw bytes");
        }

        var (dims, elements, bytes) = Validate(name, type, dimensions);
        _tensorNames.Add(name);
        _tensors.Add(new PendingTensor(name, type, dims, bytes, s => GgmlEncoder.Write(type, elements, generateValues, s)));
    }

    /// <summary>Writes the file to <paramref name="path"/>, via a temporary file so a failed write leaves no partial model.</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".partial";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                Write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the file to <paramref name="destination"/>, which is flushed but not closed.</summary>
    public void Write(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var alignment = _metadata.TryGetValue(GgufLimits.AlignmentKey, out var a) ? (uint)a.AsInt64() : GgufLimits.DefaultAlignment;
        var sink = new OutputSink(destination);
        WriteHeader(sink, alignment);
        foreach (var t in _tensors)
        {
            using var data = new TensorDataStream(sink, t.Name, t.ByteSize);
            t.WriteData(data);
            data.CheckComplete();
            sink.Pad(alignment);
        }

        sink.Flush();
        destination.Flush();
    }

    private void WriteHeader(OutputSink sink, uint alignment)
    {
        sink.WriteUInt32(GgufLimits.Magic);
        sink.WriteUInt32(GgufLimits.WriteVersion);
        sink.WriteUInt64((ulong)_tensors.Count);
        sink.WriteUInt64((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            sink.WriteString(key);
            sink.WriteUInt32((uint)value.Type);
            sink.Write(value.Payload);
        }

        long offset = 0; // ggml packs tensors in order, each padded to the alignment
        foreach (var t in _tensors)
        {
            sink.WriteString(t.Name);
            sink.WriteUInt32((uint)t.Dimensions.Length);
            foreach (var d in t.Dimensions)
            {
                sink.WriteUInt64((ulong)d);
            }

            sink.WriteUInt32((uint)t.Type);
            sink.WriteUInt64((ulong)offset);
            offset += GgufLimits.Pad(t.ByteSize, alignment);
        }

        sink.Pad(alignment);
    }

    private (long[] Dims, long Elements, long Bytes) Validate(string name, GgmlType type, IReadOnlyList<long> dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (Encoding.UTF8.GetByteCount(name) > GgufLimits.MaxTensorNameLength)
        {
            throw new ArgumentException($"tensor names are at most {GgufLimits.MaxTensorNameLength} bytes: '{name}'", nameof(name));
        }

        if (_tensorNames.Contains(name))
        {
            throw new ArgumentException($"duplicate tensor name '{name}'", nameof(name));
        }

        if (!GgmlTypeTraits.TryGet(type, out var info))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "not a ggml tensor type");
        }

        if (dimensions.Count is < 1 or > GgufLimits.MaxDimensions || dimensions.Any(d => d < 0))
        {
            throw new ArgumentException($"tensor '{name}' needs 1 to {GgufLimits.MaxDimensions} non-negative dimensions", nameof(dimensions));
        }

        if (dimensions[0] % info.BlockSize != 0)
        {
            throw new ArgumentException(
                $"tensor '{name}': {info.Name} stores blocks of {info.BlockSize}, but rows have {dimensions[0]} elements", nameof(dimensions));
        }

        var elements = dimensions.Aggregate(1L, (p, d) => checked(p * d));
        return (dimensions.ToArray(), elements, checked(elements / info.BlockSize * info.BytesPerBlock));
    }

    private sealed record PendingTensor(string Name, GgmlType Type, long[] Dimensions, long ByteSize, Action<Stream> WriteData);
}
