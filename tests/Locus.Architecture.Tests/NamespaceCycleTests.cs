using System.Text;
using Locus.Architecture.Tests.Analysis;

namespace Locus.Architecture.Tests;

/// <summary>No namespace of a src assembly may use a namespace that (directly or not) uses it back.</summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies => [.. SrcAssemblies.Built()];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_HasNoNamespaceCycles_BeyondTheKnownOnes(string assembly)
    {
        var cycles = NamespaceGraph.Of(AssemblyTypeUses.Read(SrcAssemblies.PathOf(assembly))).Cycles();
        var known = KnownCycles.Of(assembly);

        var unexpected = cycles.Where(c => !known.Any(k => SameNamespaces(k, c.Namespaces))).ToList();
        var gone = known.Where(k => !cycles.Any(c => SameNamespaces(k, c.Namespaces))).ToList();

        var message = new StringBuilder();
        if (unexpected.Count > 0)
        {
            message.Append($"{assembly} has {unexpected.Count} namespace cycle(s). A namespace may use another only if that one never uses it back; move the type to where it belongs or invert the dependency.\n");
            foreach (var cycle in unexpected)
            {
                message.Append(cycle.Describe());
            }
        }

        foreach (var cycle in gone)
        {
            message.Append($"The known cycle [{string.Join(", ", cycle)}] of {assembly} no longer exists as listed: remove (or update) its entry in KnownCycles.cs.\n");
        }

        Assert.True(message.Length == 0, message.ToString());
    }

    [Fact]
    public void EverySrcProject_IsChecked()
    {
        var built = SrcAssemblies.Built();

        var missing = SrcAssemblies.Projects().Where(p => !built.Contains(p.Value)).Select(p => $"{p.Key} ({p.Value}.dll)").ToList();

        Assert.True(missing.Count == 0, $"src projects not built beside the architecture tests, so not checked: {string.Join(", ", missing)}. Locus.Architecture.Tests.csproj references src/*/*.csproj; keep that reference.");
    }

    [Fact]
    public void KnownCycles_NameOnlyCheckedAssemblies()
    {
        var unknown = KnownCycles.ByAssembly.Keys.Except(SrcAssemblies.Built()).ToList();

        Assert.True(unknown.Count == 0, $"KnownCycles lists assemblies that are not checked: {string.Join(", ", unknown)}");
    }

    private static bool SameNamespaces(string[] known, IReadOnlyList<string> actual) =>
        known.Length == actual.Count && known.All(actual.Contains);
}
