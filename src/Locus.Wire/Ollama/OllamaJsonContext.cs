using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Locus.Wire.Ollama;

/// <summary>Source-generated contracts for the Ollama API's objects.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OllamaChatReply))]
[JsonSerializable(typeof(OllamaGenerateReply))]
[JsonSerializable(typeof(OllamaError))]
[JsonSerializable(typeof(OllamaModelList))]
[JsonSerializable(typeof(OllamaRunningList))]
[JsonSerializable(typeof(OllamaShowReply))]
[JsonSerializable(typeof(OllamaVersion))]
[JsonSerializable(typeof(OllamaEmbedReply))]
[JsonSerializable(typeof(OllamaEmbeddingReply))]
public sealed partial class OllamaJsonContext : JsonSerializerContext;

/// <summary>The contracts to write Ollama API objects with (snake_case, raw UTF-8; see <see cref="WireJson"/>).</summary>
public static class OllamaJson
{
    private static readonly OllamaJsonContext Context = new(WireJson.SerializerOptions());

    public static JsonTypeInfo<OllamaChatReply> ChatReply => Context.OllamaChatReply;

    public static JsonTypeInfo<OllamaGenerateReply> GenerateReply => Context.OllamaGenerateReply;

    public static JsonTypeInfo<OllamaError> Error => Context.OllamaError;

    public static JsonTypeInfo<OllamaModelList> ModelList => Context.OllamaModelList;

    public static JsonTypeInfo<OllamaRunningList> RunningList => Context.OllamaRunningList;

    public static JsonTypeInfo<OllamaShowReply> ShowReply => Context.OllamaShowReply;

    public static JsonTypeInfo<OllamaVersion> Version => Context.OllamaVersion;

    public static JsonTypeInfo<OllamaEmbedReply> EmbedReply => Context.OllamaEmbedReply;

    public static JsonTypeInfo<OllamaEmbeddingReply> EmbeddingReply => Context.OllamaEmbeddingReply;
}
