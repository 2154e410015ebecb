using System.Text.Json.Serialization;
using Locus.Providers.Anthropic;
using Locus.Providers.OpenAI;

namespace Locus.Providers.Wire;

/// <summary>Source-generated readers for every upstream response shape: no reflection per response or chunk.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OpenAICompletion))]
[JsonSerializable(typeof(AnthropicMessage))]
[JsonSerializable(typeof(AnthropicEvent))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;
