using System.Text;
using Locus.Architecture.Tests.Analysis;

namespace Locus.Architecture.Tests;

/// <summary>No namespace of a src assembly may use a namespace that (directly or not) uses it back.</summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies => [.. SrcAssemblies.Built()];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_HasNoNamespaceCycles(string assembly)
    {
        var cycles = NamespaceGraph.Of(AssemblyTypeUses.Read(SrcAssemblies.PathOf(assembly))).Cycles();

        var message = new StringBuilder();
        if (cycles.Count > 0)
        {
            message.Append($"{assembly} has {cycles.Count} namespace cycle(s). A namespace may use another only if that one never uses it back; move the type to where it belongs or invert the dependency.\n");
            foreach (var cycle in cycles)
            {
                message.Append(cycle.Describe());
            }
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
}
