namespace Locus.Server.Tests.EndToEnd;

/// <summary>The shared test models live beside the repository, in ../shared/models (never copied into it).</summary>
internal static class TestModels
{
    public static string? Stories260K { get; } = Find("stories260K.gguf");

    private static string? Find(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "models", fileName));
                return File.Exists(path) ? path : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs the real engine and the shared stories260K model; skipped, with the reason, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute()
    {
        if (TestModels.Stories260K is null)
            Skip = "The shared test model ../shared/models/stories260K.gguf (beside the folder holding Locus.slnx) is absent.";
    }
}
