using Locus.Core.Abstractions;

namespace Locus.Testing;

/// <summary>An in-memory <see cref="IMemorySource"/>: the documents it was given, editable between requests.</summary>
public sealed class FixedMemory(params MemoryDocument[] documents) : IMemorySource
{
    private readonly Lock _gate = new();
    private readonly List<MemoryDocument> _documents = [.. documents];

    public void Add(MemoryDocument document)
    {
        lock (_gate)
        {
            _documents.Add(document);
        }
    }

    public IReadOnlyList<MemoryDocument> Snapshot()
    {
        lock (_gate)
        {
            return [.. _documents];
        }
    }
}
