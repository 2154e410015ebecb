using Xunit;

namespace Locus.Testing;

/// <summary>
/// The small GGUF test models in ../shared/models beside the repository (CI has them there; they are never copied
/// into the repository). Tests that need them use <see cref="ModelFactAttribute"/> and skip, saying why, without them.
/// </summary>
public static class SharedModels
{
    public const string MissingReason = "../shared/models (beside the folder holding Locus.slnx) is absent; model tests need it (see README)";

    public static string? Folder { get; } = Locate();

    public static bool Available => Folder is not null;

    /// <summary>Real trained weights (TinyStories 260K): coherent text, no chat template.</summary>
    public static string Stories => Path.Combine(Folder ?? "", "stories260K.gguf");

    /// <summary>Random weights, real Qwen2 tokenizer and ChatML template.</summary>
    public static string Qwen => Path.Combine(Folder ?? "", "random-qwen2-tiny.gguf");

    /// <summary>Random weights, llama-2 architecture and tokenizer.</summary>
    public static string Llama2 => Path.Combine(Folder ?? "", "llama-2-tiny-random.gguf");

    private static string? Locate() =>
        RepositoryRoot.Shared("models") is { } models && File.Exists(Path.Combine(models, "stories260K.gguf")) ? models : null;
}

/// <summary>A fact that needs the shared models; skipped with <see cref="SharedModels.MissingReason"/> without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (!SharedModels.Available)
        {
            Skip = SharedModels.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared models; skipped with <see cref="SharedModels.MissingReason"/> without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelTheoryAttribute : TheoryAttribute
{
    public ModelTheoryAttribute()
    {
        if (!SharedModels.Available)
        {
            Skip = SharedModels.MissingReason;
        }
    }
}
