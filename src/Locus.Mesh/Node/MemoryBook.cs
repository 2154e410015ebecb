using System.Text;
using System.Text.RegularExpressions;

namespace Locus.Mesh.Node;

/// <summary>
/// Memory documents as people and the router use them: named texts in the replicated state, each with a scope saying
/// whether it may ever be sent to a cloud model (stored as the preference <c>memory.scope/ID</c>; default: devices only).
/// Writes are committed before they return. Replacing a text edits only the changed middle, so concurrent edits on
/// other devices to the untouched parts survive the merge.
/// </summary>
public sealed partial class MemoryBook(MeshReplica replica) : Core.Abstractions.IMemorySource
{
    public const string ScopeDevices = "devices";
    public const string ScopeCloud = "cloud";
    private const string ScopePrefix = "memory.scope/";

    public IReadOnlyList<MemoryEntry> List() => replica.Read(state =>
        state.Documents.Select(d => Entry(state, d.Key, d.Value)).ToList());

    /// <summary>What routing may inject (<c>memory:</c>): every document with its scope.</summary>
    public IReadOnlyList<Core.Abstractions.MemoryDocument> Snapshot() => [.. List().Select(e => new Core.Abstractions.MemoryDocument(
        e.Id, e.Name, e.Text, e.Scope == ScopeCloud ? Core.Abstractions.MemoryScope.Cloud : Core.Abstractions.MemoryScope.Devices))];

    public MemoryEntry? Find(string id) => replica.Read(state =>
        state.Documents.FirstOrDefault(d => d.Key == id) is { Key: not null } d ? Entry(state, d.Key, d.Value) : null);

    /// <summary>Creates or replaces the document; a null name or scope keeps the current one.</summary>
    public MemoryEntry Write(string id, string text, string? name = null, string? scope = null)
    {
        Check(id, scope);
        replica.Change(state =>
        {
            var exists = state.Documents.Any(d => d.Key == id);
            if (!exists || (name is not null && state.Documents.First(d => d.Key == id).Value != name))
            {
                state.CreateDocument(id, name ?? id);
            }

            Replace(state.Text(id), text);
            if (scope is not null)
            {
                state.SetPreference(ScopePrefix + id, scope);
            }
        });
        return Find(id)!;
    }

    /// <summary>Appends text at the end (creating the document when missing).</summary>
    public MemoryEntry Append(string id, string text)
    {
        Check(id, null);
        replica.Change(state =>
        {
            if (!state.Documents.Any(d => d.Key == id))
            {
                state.CreateDocument(id, id);
            }

            var doc = state.Text(id);
            doc.Insert(doc.Length, text);
        });
        return Find(id)!;
    }

    public bool Delete(string id)
    {
        if (Find(id) is null)
        {
            return false;
        }

        replica.Change(state => state.DeleteDocument(id));
        return true;
    }

    /// <summary>Ids: letters, digits, '.', '_' and '-', up to 64 (they appear in URLs and config).</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    private static void Check(string id, string? scope)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"\"{id}\" is not a usable memory id: use letters, digits, '.', '_' or '-' (up to 64)", nameof(id));
        }

        if (scope is not null and not (ScopeDevices or ScopeCloud))
        {
            throw new ArgumentException($"scope must be \"{ScopeDevices}\" or \"{ScopeCloud}\", got \"{scope}\"", nameof(scope));
        }
    }

    private static MemoryEntry Entry(State.NodeState state, string id, string name) => new(id, name, state.Text(id).ToString(),
        state.TryGetPreference(ScopePrefix + id, out var scope) && scope == ScopeCloud ? ScopeCloud : ScopeDevices);

    private static void Replace(Crdt.Text.TextDocument doc, string text)
    {
        var old = CodePoints(doc.ToString());
        var now = CodePoints(text);
        var prefix = 0;
        while (prefix < old.Length && prefix < now.Length && old[prefix] == now[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Length - prefix && suffix < now.Length - prefix && old[^(suffix + 1)] == now[^(suffix + 1)])
        {
            suffix++;
        }

        if (old.Length - prefix - suffix > 0)
        {
            doc.Delete(prefix, old.Length - prefix - suffix);
        }

        if (now.Length - prefix - suffix > 0)
        {
            doc.Insert(prefix, string.Concat(now[prefix..^suffix].Select(r => r.ToString())));
        }
    }

    private static Rune[] CodePoints(string text) => [.. text.EnumerateRunes()];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}

/// <summary>One memory document: id, display name, text, and scope (<c>devices</c> or <c>cloud</c>).</summary>
public sealed record MemoryEntry(string Id, string Name, string Text, string Scope);
