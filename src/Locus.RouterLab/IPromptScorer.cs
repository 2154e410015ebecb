namespace Locus.RouterLab;

/// <summary>A router's view of a prompt: higher means more likely to need the strong model.</summary>
public interface IPromptScorer
{
    string Name { get; }

    double Score(string prompt);
}
