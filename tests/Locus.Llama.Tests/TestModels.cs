namespace Locus.Llama.Tests;

/// <summary>Finds ../shared/models beside the repository (CI puts it there); tests skip with a clear message without it.</summary>
internal static class TestModels
{
    public static string? SharedModels { get; } = Locate();

    public static string Stories => Path.Combine(SharedModels ?? "", "stories260K.gguf");

    public static string Qwen => Path.Combine(SharedModels ?? "", "random-qwen2-tiny.gguf");

    public static string Llama2 => Path.Combine(SharedModels ?? "", "llama-2-tiny-random.gguf");

    public const string Missing = "../shared/models is not beside the repository; model tests need it (see README)";

    public static bool Available => SharedModels is not null && File.Exists(Stories);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")))
            {
                var models = Path.Combine(dir.FullName, "..", "shared", "models");
                return Directory.Exists(models) ? Path.GetFullPath(models) : null;
            }
        }

        return null;
    }
}
