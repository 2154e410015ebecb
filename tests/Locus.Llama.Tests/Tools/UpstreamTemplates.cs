namespace Locus.Llama.Tests.Tools;

/// <summary>llama.cpp's collection of real chat templates (models/templates in its source tree, see README).</summary>
internal static class UpstreamTemplates
{
    public static string Folder => Path.Combine(
        Environment.GetEnvironmentVariable("LOCUS_LLAMA_SOURCE_DIR")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "locus", "llama-src-3.22.1"),
        "models", "templates");

    public static bool Available => Directory.Exists(Folder);

    public const string MissingReason = "llama.cpp's models/templates folder (LOCUS_LLAMA_SOURCE_DIR) is absent";

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));
}

/// <summary>A fact that reads llama.cpp's real templates; skipped, saying why, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TemplatesFactAttribute : FactAttribute
{
    public TemplatesFactAttribute()
    {
        if (!UpstreamTemplates.Available)
        {
            Skip = UpstreamTemplates.MissingReason;
        }
    }
}
