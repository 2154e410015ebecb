using System.Globalization;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.State;

/// <summary>
/// One replica's view of a person's mesh, composed of existing CRDTs. Documents: an LWW map id → name (create, rename,
/// delete) plus one text CRDT per id. History: an LWW map keyed by the append's HLC reading and node — each key is
/// written exactly once, so LWW never has to choose, and unlike an OR-set the key orders messages by time and needs
/// no per-element tags. Preferences: LWW map. Spend: one PN-counter per budget key in micro-USD. Directory: LWW map
/// node id → record, so the freshest report by HLC wins. Not thread-safe: one owner writes and merges.
/// </summary>
public sealed partial class NodeState(ReplicaId replica, HybridLogicalClock clock)
{
    private readonly LwwMap<string> _documents = new(replica, clock, ValueCodecs.String);
    private readonly SortedDictionary<string, TextDocument> _texts = new(StringComparer.Ordinal);
    private readonly LwwMap<ConversationMessage> _history = new(replica, clock, ConversationMessageCodec.Instance);
    private readonly LwwMap<string> _preferences = new(replica, clock, ValueCodecs.String);
    private readonly SortedDictionary<string, PnCounter> _spend = new(StringComparer.Ordinal);
    private readonly LwwMap<NodeRecord> _directory = new(replica, clock, NodeRecordCodec.Instance);

    public ReplicaId Replica => replica;

    /// <summary>Live documents: id → name, in id order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Documents => _documents.Items;

    public IEnumerable<KeyValuePair<string, string>> Preferences => _preferences.Items;

    public IEnumerable<KeyValuePair<string, NodeRecord>> Directory => _directory.Items;

    /// <summary>Messages in append order (HLC, then node).</summary>
    public IEnumerable<ConversationMessage> History => _history.Items.Select(e => e.Value);

    public void CreateDocument(string id, string name) => _documents.Set(id, name);

    public void RenameDocument(string id, string name)
    {
        if (!_documents.TryGetValue(id, out _))
        {
            throw new KeyNotFoundException($"no document {id}");
        }

        _documents.Set(id, name);
    }

    public void DeleteDocument(string id) => _documents.Remove(id);

    /// <summary>The text of document <paramref name="id"/>; kept after a delete so a concurrent edit is not lost.</summary>
    public TextDocument Text(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_texts.TryGetValue(id, out var text))
        {
            _texts[id] = text = new TextDocument(replica);
        }

        return text;
    }

    public void AppendMessage(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stamp = clock.Now();
        // Fixed-width hex sorts ordinally in HLC order; the node breaks ties.
        var key = string.Create(CultureInfo.InvariantCulture, $"{stamp.WallMs:x14}.{stamp.Logical:x8}.{replica}");
        _history.Set(key, message);
    }

    public void SetPreference(string key, string value) => _preferences.Set(key, value);

    public void RemovePreference(string key) => _preferences.Remove(key);

    public bool TryGetPreference(string key, out string? value) => _preferences.TryGetValue(key, out value);

    /// <summary>Adds spend against <paramref name="budgetKey"/>; totals hold across every node's additions.</summary>
    public void AddSpend(string budgetKey, ulong microUsd) => Counter(budgetKey).Increment(microUsd);

    /// <summary>Refunds (a cancelled request billed upfront).</summary>
    public void RefundSpend(string budgetKey, ulong microUsd) => Counter(budgetKey).Decrement(microUsd);

    public long SpendMicroUsd(string budgetKey) => _spend.TryGetValue(budgetKey, out var counter) ? counter.Value : 0;

    public void ReportNode(string nodeId, NodeRecord record) => _directory.Set(nodeId, record);

    public bool TryGetNode(string nodeId, out NodeRecord? record) => _directory.TryGetValue(nodeId, out record);

    private PnCounter Counter(string budgetKey)
    {
        ArgumentNullException.ThrowIfNull(budgetKey);
        if (!_spend.TryGetValue(budgetKey, out var counter))
        {
            _spend[budgetKey] = counter = new PnCounter(replica);
        }

        return counter;
    }
}
