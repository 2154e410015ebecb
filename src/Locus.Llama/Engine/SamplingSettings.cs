using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// What to sample with, with OpenAI's defaults (temperature 1, top_p 1, no top_k/min_p, penalties off).
/// Temperature 0 means greedy: the same prompt always gives the same text.
/// </summary>
internal sealed record SamplingSettings(
    float Temperature = 1f,
    float TopP = 1f,
    int TopK = 0,
    float MinP = 0f,
    float RepetitionPenalty = 1f,
    float FrequencyPenalty = 0f,
    float PresencePenalty = 0f,
    uint? Seed = null)
{
    /// <summary>How many recent tokens the penalties look at (llama.cpp's default window).</summary>
    public const int PenaltyWindow = 64;

    public bool IsGreedy => Temperature <= 0f;

    public bool HasPenalties => RepetitionPenalty != 1f || FrequencyPenalty != 0f || PresencePenalty != 0f;

    public static SamplingSettings From(ChatOptions? options)
    {
        if (options is null)
        {
            return new SamplingSettings();
        }

        return new SamplingSettings(
            Temperature: options.Temperature ?? 1f,
            TopP: options.TopP ?? 1f,
            TopK: options.TopK ?? 0,
            MinP: Number(options, LocusChatOptions.MinP) ?? 0f,
            RepetitionPenalty: Number(options, LocusChatOptions.RepetitionPenalty) ?? 1f,
            FrequencyPenalty: options.FrequencyPenalty ?? 0f,
            PresencePenalty: options.PresencePenalty ?? 0f,
            Seed: options.Seed is { } seed ? unchecked((uint)seed) : null);
    }

    private static float? Number(ChatOptions options, string key) =>
        options.AdditionalProperties?.TryGetValue(key, out var value) == true
            ? value switch
            {
                float f => f,
                double d => (float)d,
                int i => i,
                long l => l,
                decimal m => (float)m,
                _ => null,
            }
            : null;
}
