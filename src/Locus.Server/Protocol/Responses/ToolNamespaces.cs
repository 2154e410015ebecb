namespace Locus.Server.Protocol.Responses;

/// <summary>
/// Namespace tools (<c>{"type":"namespace","name":"crm","tools":[...]}</c>, as Codex groups an MCP server's tools) are
/// shown to the model as plain functions named <c>crm__lookup</c>: a model knows functions, not namespaces. A call of
/// such a name goes back to the client as <c>{"name":"lookup","namespace":"crm"}</c>, and a call the client sends back
/// in that form is joined again, so the model's history reads as it wrote it.
/// </summary>
internal static class ToolNamespaces
{
    public const string Separator = "__";

    public static string Qualify(string ns, string name) => ns + Separator + name;

    /// <summary>The namespace and bare name of <paramref name="name"/> when a namespace in <paramref name="namespaces"/> declared it.</summary>
    public static (string? Namespace, string Name) Split(string name, IReadOnlySet<string> namespaces)
    {
        var at = name.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && namespaces.Contains(name[..at]) ? (name[..at], name[(at + Separator.Length)..]) : (null, name);
    }
}
