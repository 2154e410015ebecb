namespace Locus.Mesh.Store;

/// <summary>Which CRDT a stored document holds; decides how its snapshot and log are replayed.</summary>
public enum DocumentKind
{
    Text,
    LwwMap,
    OrSet,
    PnCounter,

    /// <summary>A whole <see cref="State.NodeState"/>: the running node's replicated state, logged as its deltas.</summary>
    NodeState,
}

/// <summary>The names the <c>documents.kind</c> column stores (stable on disk, unlike the enum's numbers).</summary>
internal static class DocumentKinds
{
    public static string Name(DocumentKind kind) => kind switch
    {
        DocumentKind.Text => "text",
        DocumentKind.LwwMap => "lww-map",
        DocumentKind.OrSet => "or-set",
        DocumentKind.PnCounter => "pn-counter",
        DocumentKind.NodeState => "node-state",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown document kind"),
    };

    public static DocumentKind? Parse(string name) => name switch
    {
        "text" => DocumentKind.Text,
        "lww-map" => DocumentKind.LwwMap,
        "or-set" => DocumentKind.OrSet,
        "pn-counter" => DocumentKind.PnCounter,
        "node-state" => DocumentKind.NodeState,
        _ => null,
    };
}
