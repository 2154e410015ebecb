using System.Runtime.InteropServices;

namespace Locus.Llama.Native;

/// <summary>
/// A reusable llama_batch of up to <c>capacity</c> tokens, each in one sequence, in native memory the engine fills
/// once per step. Owned by the engine thread.
/// </summary>
internal sealed unsafe class NativeBatch : IDisposable
{
    private readonly int _capacity;
    private readonly int* _tokens;
    private readonly int* _positions;
    private readonly int* _sequenceCounts;
    private readonly int** _sequenceIds;
    private readonly int* _sequenceIdValues;
    private readonly sbyte* _logits;

    public NativeBatch(int capacity)
    {
        _capacity = capacity;
        _tokens = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _positions = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _sequenceCounts = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _sequenceIds = (int**)NativeMemory.Alloc((nuint)capacity, (nuint)sizeof(int*));
        _sequenceIdValues = (int*)NativeMemory.Alloc((nuint)capacity, sizeof(int));
        _logits = (sbyte*)NativeMemory.Alloc((nuint)capacity, 1);
        for (var i = 0; i < capacity; i++)
        {
            _sequenceCounts[i] = 1;
            _sequenceIds[i] = _sequenceIdValues + i;
        }
    }

    public int Count { get; private set; }

    public int Room => _capacity - Count;

    public void Clear() => Count = 0;

    /// <summary>Adds a token of <paramref name="sequence"/> at <paramref name="position"/>; returns its index in the batch.</summary>
    public int Add(int token, int position, int sequence, bool wantLogits)
    {
        if (Count == _capacity)
        {
            throw new InvalidOperationException($"the batch holds at most {_capacity} tokens");
        }

        var i = Count++;
        _tokens[i] = token;
        _positions[i] = position;
        _sequenceIdValues[i] = sequence;
        _logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        return i;
    }

    public LlamaBatch View => new()
    {
        NTokens = Count,
        Token = _tokens,
        Pos = _positions,
        NSeqId = _sequenceCounts,
        SeqId = _sequenceIds,
        Logits = _logits,
    };

    public void Dispose()
    {
        NativeMemory.Free(_tokens);
        NativeMemory.Free(_positions);
        NativeMemory.Free(_sequenceCounts);
        NativeMemory.Free(_sequenceIds);
        NativeMemory.Free(_sequenceIdValues);
        NativeMemory.Free(_logits);
    }
}
