namespace Locus.RouterLab.Data;

/// <summary>One model's answer to one prompt in multi-model data: its correctness (0..1), its text and its API cost (USD).</summary>
public sealed record ModelAnswer(double Quality, string Response, double Cost);

/// <summary>One prompt with every listed model's answer, in the order the models were asked for.</summary>
public sealed record MultiModelItem(string Prompt, string Group, IReadOnlyList<ModelAnswer> Answers);
