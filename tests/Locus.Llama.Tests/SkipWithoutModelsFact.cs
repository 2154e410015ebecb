namespace Locus.Llama.Tests;

/// <summary>A fact that is skipped, saying why, when the shared test models are absent.</summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute()
    {
        if (!TestModels.Available)
        {
            Skip = TestModels.Missing;
        }
    }
}
