using Locus.Architecture.Tests.Analysis;

namespace Locus.Architecture.Tests;

/// <summary>The analyzer finds what it claims to: this assembly's Samples namespaces refer to each other in one way
/// each (a method body, a signature, an attribute, a typeof argument, a generic argument, a lambda or async method),
/// and the check must see each of those cycles, and none where there is no cycle.</summary>
public sealed class NamespaceGraphTests
{
    private const string Samples = "Locus.Architecture.Tests.Samples";

    private static readonly Lazy<AssemblyTypeUses> ThisAssembly = new(() => AssemblyTypeUses.Read(typeof(NamespaceGraphTests).Assembly.Location));

    private static NamespaceGraph Graph => NamespaceGraph.Of(ThisAssembly.Value);

    [Theory]
    [InlineData("BodyOnly")]
    [InlineData("SignatureOnly")]
    [InlineData("AttributeOnly")]
    [InlineData("TypeofArgument")]
    [InlineData("GenericArgument")]
    [InlineData("Closure")]
    public void Cycle_BetweenTwoNamespaces_IsFound(string sample)
    {
        var cycle = Assert.Single(CyclesIn(sample));

        Assert.Equal([$"{Samples}.{sample}.Left", $"{Samples}.{sample}.Right"], cycle.Namespaces);
        Assert.Equal(2, cycle.Edges.Count);
    }

    [Fact]
    public void ParentAndChild_AreDifferentNamespaces()
    {
        var cycle = Assert.Single(CyclesIn("ParentChild"));

        Assert.Equal([$"{Samples}.ParentChild", $"{Samples}.ParentChild.Child"], cycle.Namespaces);
    }

    [Fact]
    public void NoCycle_IsNotReported_ThoughItsEdgesAreSeen()
    {
        Assert.Empty(CyclesIn("Acyclic"));
        Assert.True(Graph.Uses($"{Samples}.Acyclic.Upper", $"{Samples}.Acyclic.Lower"));
        Assert.True(Graph.Uses($"{Samples}.Acyclic.Upper", $"{Samples}.Acyclic"));
        Assert.True(Graph.Uses($"{Samples}.Acyclic.Lower", $"{Samples}.Acyclic"));
        Assert.False(Graph.Uses($"{Samples}.Acyclic.Lower", $"{Samples}.Acyclic.Upper"));
    }

    [Fact]
    public void CompilerGeneratedTypes_CountAsTheTypeThatDeclaresThem()
    {
        var cycle = Assert.Single(CyclesIn("Closure"));

        var examples = cycle.Edges.SelectMany(e => e.Examples).Select(e => $"{e.From} -> {e.To}").ToList();
        Assert.Contains($"{Samples}.Closure.Left.Caller -> {Samples}.Closure.Right.Callee", examples);
        Assert.Contains($"{Samples}.Closure.Right.Callee -> {Samples}.Closure.Left.Caller", examples);
        Assert.DoesNotContain(ThisAssembly.Value.Uses, u => u.From.Name.Contains('<', StringComparison.Ordinal) || u.To.Name.Contains('<', StringComparison.Ordinal));
        Assert.DoesNotContain(Graph.Namespaces, ns => ns.Contains('<', StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_NamesTheNamespacesAndExampleTypesOfEveryEdge()
    {
        var text = Assert.Single(CyclesIn("BodyOnly")).Describe();

        Assert.Contains($"cycle between {Samples}.BodyOnly.Left, {Samples}.BodyOnly.Right", text, StringComparison.Ordinal);
        Assert.Contains($"{Samples}.BodyOnly.Left -> {Samples}.BodyOnly.Right, e.g. {Samples}.BodyOnly.Left.Caller -> {Samples}.BodyOnly.Right.Callee", text, StringComparison.Ordinal);
        Assert.Contains($"{Samples}.BodyOnly.Right -> {Samples}.BodyOnly.Left, e.g. {Samples}.BodyOnly.Right.Callee -> {Samples}.BodyOnly.Left.Caller", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycles_ThroughSeveralNamespaces_AreOneComponent()
    {
        var uses = new[]
        {
            Use("A.X", "A.Y"), Use("A.Y", "A.Z"), Use("A.Z", "A.X"), Use("A.Z", "A.W"), Use("A.W", "A.V"),
        };

        var cycle = Assert.Single(new NamespaceGraph([], uses).Cycles());

        Assert.Equal(["A.X", "A.Y", "A.Z"], cycle.Namespaces);
        Assert.Equal(3, cycle.Edges.Count);
    }

    private static IReadOnlyList<NamespaceCycle> CyclesIn(string sample) =>
        [.. Graph.Cycles().Where(c => c.Namespaces.Any(ns => ns == $"{Samples}.{sample}" || ns.StartsWith($"{Samples}.{sample}.", StringComparison.Ordinal)))];

    private static TypeUse Use(string from, string to) => new(new TypeName(from, "T"), new TypeName(to, "T"));
}
