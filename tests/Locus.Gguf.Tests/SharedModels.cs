namespace Locus.Gguf.Tests;

/// <summary>
/// Finds the real test models in the <c>shared/models</c> folder beside the repository root. They are
/// never copied into the repository, so tests that need them skip when the folder is absent.
/// </summary>
internal static class SharedModels
{
    public const string Stories = "stories260K.gguf";
    public const string Qwen2 = "random-qwen2-tiny.gguf";
    public const string Llama2 = "llama-2-tiny-random.gguf";

    private static readonly Lazy<string?> Folder = new(FindFolder);

    public static string PathOf(string fileName) =>
        Folder.Value is { } dir ? System.IO.Path.Combine(dir, fileName) : throw new InvalidOperationException("shared models folder not found");

    public static bool Exists(string fileName) => Folder.Value is { } dir && File.Exists(System.IO.Path.Combine(dir, fileName));

    public static string Describe(string fileName) =>
        $"needs {fileName} in the shared models folder (../shared/models beside the repository root, i.e. beside the folder holding Locus.slnx); it is not there";

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Locus.slnx")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "models"));
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when a shared model file is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedModelFactAttribute : FactAttribute
{
    public SharedModelFactAttribute(params string[] fileNames)
    {
        var missing = fileNames.FirstOrDefault(f => !SharedModels.Exists(f));
        if (missing is not null)
        {
            Skip = SharedModels.Describe(missing);
        }
    }
}
