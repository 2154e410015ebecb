using System.Globalization;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sets;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Store;

// dotnet Locus.Mesh.CrashHelper.dll STORE_PATH FIRST_EDIT COMPACT_EVERY
// Reopens the store as the same replica (a restarted node), then for edit n = FIRST_EDIT, FIRST_EDIT + 1, ... appends
// one change to each of four documents and prints "ack n" only after all four Append calls returned. Every
// COMPACT_EVERY edits (0: never) it prints "compact n", compacts all four, and prints "compacted n". It runs until killed.
if (args is not [var path, var firstText, var everyText]
    || !long.TryParse(firstText, CultureInfo.InvariantCulture, out var first)
    || !int.TryParse(everyText, CultureInfo.InvariantCulture, out var compactEvery))
{
    await Console.Error.WriteLineAsync("usage: STORE_PATH FIRST_EDIT COMPACT_EVERY");
    return 2;
}

var replica = new ReplicaId(0x5EED_0000_0000_0001);
using var store = MeshStore.Open(path);
store.Create(CrashDocuments.Text, DocumentKind.Text);
store.Create(CrashDocuments.Map, DocumentKind.LwwMap);
store.Create(CrashDocuments.Set, DocumentKind.OrSet);
store.Create(CrashDocuments.Counter, DocumentKind.PnCounter);

var text = store.LoadText(CrashDocuments.Text, replica).Document;
var map = store.LoadMap(CrashDocuments.Map, replica, new HybridLogicalClock(replica, TimeProvider.System), ValueCodecs.String).Document;
var set = store.LoadSet(CrashDocuments.Set, replica, ValueCodecs.String).Document;
var counter = store.LoadCounter(CrashDocuments.Counter, replica).Document;
var last = new long[4];

for (var n = first; ; n++)
{
    last[0] = store.AppendText(CrashDocuments.Text, [text.Insert(text.Length, CrashDocuments.Token(n))]);
    last[1] = Append(map, new LwwMapDeltaCodec<string>(ValueCodecs.String), () => map.Set(CrashDocuments.Key(n), CrashDocuments.Value(n)), CrashDocuments.Map);
    last[2] = Append(set, new OrSetDeltaCodec<string>(ValueCodecs.String), () => set.Add(CrashDocuments.Key(n)), CrashDocuments.Set);
    last[3] = Append(counter, PnCounterDeltaCodec.Instance, () => counter.Increment(), CrashDocuments.Counter);
    Console.Out.WriteLine($"ack {n}"); // Console.Out flushes every line

    if (compactEvery > 0 && (n - first + 1) % compactEvery == 0)
    {
        Console.Out.WriteLine($"compact {n}");
        store.Compact(CrashDocuments.Text, text.Encode(), last[0]);
        store.CompactState(CrashDocuments.Map, map, last[1]);
        store.CompactState(CrashDocuments.Set, set, last[2]);
        store.CompactState(CrashDocuments.Counter, counter, last[3]);
        Console.Out.WriteLine($"compacted {n}");
    }
}

long Append<TDelta>(IDeltaCrdt<TDelta> crdt, IDeltaCodec<TDelta> codec, Action edit, string id)
{
    var before = crdt.Version;
    edit();
    return store.AppendDelta(id, codec, crdt.DeltaFor(before));
}
