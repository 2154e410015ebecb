using System.Text;

namespace Locus.Architecture.Tests.Analysis;

/// <summary>One namespace using another, with a few of the type uses that make it so (sorted, so stable).</summary>
internal sealed record NamespaceEdge(string From, string To, IReadOnlyList<TypeUse> Examples);

/// <summary>Namespaces that reach each other through their uses (a strongly connected component of two or more), and
/// the edges between them: removing enough of those edges breaks the cycle.</summary>
internal sealed record NamespaceCycle(IReadOnlyList<string> Namespaces, IReadOnlyList<NamespaceEdge> Edges)
{
    public string Describe()
    {
        var text = new StringBuilder($"cycle between {string.Join(", ", Namespaces)}:\n");
        foreach (var edge in Edges)
        {
            text.Append($"    {edge.From} -> {edge.To}, e.g. {string.Join("; ", edge.Examples.Select(e => $"{e.From} -> {e.To}"))}\n");
        }

        return text.ToString();
    }
}

/// <summary>
/// The namespaces of one assembly and which use which. A parent namespace and its child are different nodes: Locus.X
/// using Locus.X.Y and Locus.X.Y using Locus.X is a cycle.
/// </summary>
internal sealed class NamespaceGraph
{
    private const int ExamplesPerEdge = 2;

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<TypeUse>>> _edges = new(StringComparer.Ordinal);

    public NamespaceGraph(IEnumerable<string> namespaces, IEnumerable<TypeUse> uses)
    {
        foreach (var ns in namespaces)
        {
            _edges.TryAdd(ns, new(StringComparer.Ordinal));
        }

        foreach (var use in uses)
        {
            if (use.From.Namespace == use.To.Namespace)
            {
                continue;
            }

            _edges.TryAdd(use.To.Namespace, new(StringComparer.Ordinal));
            if (!_edges.TryGetValue(use.From.Namespace, out var targets))
            {
                _edges[use.From.Namespace] = targets = new(StringComparer.Ordinal);
            }

            if (!targets.TryGetValue(use.To.Namespace, out var examples))
            {
                targets[use.To.Namespace] = examples = new(TypeUseOrder.Instance);
            }

            examples.Add(use);
        }
    }

    public static NamespaceGraph Of(AssemblyTypeUses assembly) => new(assembly.Namespaces, assembly.Uses);

    public IEnumerable<string> Namespaces => _edges.Keys;

    public bool Uses(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    public IReadOnlyList<NamespaceCycle> Cycles()
    {
        return [.. StronglyConnected()
            .Where(component => component.Count > 1)
            .Select(component => component.Order(StringComparer.Ordinal).ToList())
            .OrderBy(component => component[0], StringComparer.Ordinal)
            .Select(component => new NamespaceCycle(component, EdgesWithin(component)))];
    }

    private List<NamespaceEdge> EdgesWithin(IReadOnlyList<string> component) =>
        [.. from source in component
            from target in _edges[source]
            where component.Contains(target.Key)
            select new NamespaceEdge(source, target.Key, [.. target.Value.Take(ExamplesPerEdge)])];

    /// <summary>Tarjan's algorithm, iterative so deep namespace chains cannot overflow the stack.</summary>
    private List<List<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLink = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        foreach (var root in _edges.Keys)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, IEnumerator<string> Next)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Peek();
                if (next.MoveNext())
                {
                    var target = next.Current;
                    if (!index.TryGetValue(target, out var targetIndex))
                    {
                        Visit(target);
                    }
                    else if (onStack.Contains(target))
                    {
                        lowLink[node] = Math.Min(lowLink[node], targetIndex);
                    }

                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }

                if (lowLink[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }

            void Visit(string node)
            {
                index[node] = lowLink[node] = index.Count;
                stack.Push(node);
                onStack.Add(node);
                work.Push((node, _edges[node].Keys.GetEnumerator()));
            }
        }

        return components;
    }

    private sealed class TypeUseOrder : IComparer<TypeUse>
    {
        public static readonly TypeUseOrder Instance = new();

        public int Compare(TypeUse? x, TypeUse? y) =>
            StringComparer.Ordinal.Compare($"{x?.From} -> {x?.To}", $"{y?.From} -> {y?.To}");
    }
}
