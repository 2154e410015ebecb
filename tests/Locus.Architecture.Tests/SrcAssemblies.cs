using System.Xml.Linq;

namespace Locus.Architecture.Tests;

/// <summary>The product assemblies: the projects under src/, and the ones built beside these tests (this project
/// references src/*/*.csproj, so a new project is built here and checked without editing anything).</summary>
internal static class SrcAssemblies
{
    /// <summary>Assembly names of the Locus assemblies in the test's output folder, this test assembly excepted.</summary>
    public static IReadOnlyList<string> Built() =>
    [
        .. Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name.StartsWith("Locus.", StringComparison.Ordinal) || name == "locus")
            .Where(name => name != typeof(SrcAssemblies).Assembly.GetName().Name)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Project name to assembly name (Locus.Cli builds locus.dll) for every project under src/.</summary>
    public static IReadOnlyDictionary<string, string> Projects()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateDirectories(src)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj"))
            .ToDictionary(
                project => Path.GetFileNameWithoutExtension(project),
                project => XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
                    ?? Path.GetFileNameWithoutExtension(project),
                StringComparer.Ordinal);
    }

    public static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Locus.slnx not found above the test binaries.");
    }
}
