using Locus.Routing.Learning;
using Locus.Routing.Signals;

namespace Locus.RouterLab.Tests.Learning;

/// <summary>The trained model checked into src/Locus.Routing/Learning, read from the source tree.</summary>
internal static class ShippedModel
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Locus.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, "src", "Locus.Routing", "Learning", "default-router.lrtm");
            }
        }

        throw new InvalidOperationException("Locus.slnx not found above the test binaries.");
    }
}

/// <summary>A fact about the model embedded in Locus.Routing; skipped while the build does not embed it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EmbeddedModelFactAttribute : FactAttribute
{
    public EmbeddedModelFactAttribute()
    {
        if (!LearnedComplexityEstimator.HasDefaultModel)
        {
            Skip = $"Locus.Routing does not embed {LearnedComplexityEstimator.DefaultResourceName}: add <EmbeddedResource Include=\"Learning\\default-router.lrtm\" LogicalName=\"{LearnedComplexityEstimator.DefaultResourceName}\" /> to Locus.Routing.csproj";
        }
    }
}
