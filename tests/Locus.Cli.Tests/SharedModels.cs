namespace Locus.Cli.Tests;

internal static class SharedModels
{
    public static string? Folder { get; } = Locate();

    public static string Stories => Path.Combine(Folder ?? "", "stories260K.gguf");

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")))
            {
                var models = Path.Combine(dir.FullName, "..", "shared", "models");
                return File.Exists(Path.Combine(models, "stories260K.gguf")) ? Path.GetFullPath(models) : null;
            }
        }

        return null;
    }
}

public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (SharedModels.Folder is null)
        {
            Skip = "../shared/models is not beside the repository; model tests need it (see README)";
        }
    }
}
