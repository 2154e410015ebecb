using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Locus.Wire.OpenAI;

/// <summary>Source-generated contracts for every OpenAI wire object: no reflection per body, chunk or event.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(TextCompletion))]
[JsonSerializable(typeof(ToolCall))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(OpenAIErrorEnvelope))]
[JsonSerializable(typeof(EmbeddingList<float[]>))]
[JsonSerializable(typeof(EmbeddingList<string>))]
public sealed partial class OpenAIJsonContext : JsonSerializerContext;

/// <summary>
/// The contracts to read and write OpenAI objects with: snake_case names and text as raw UTF-8 (see
/// <see cref="WireJson"/>). Use these, not <c>OpenAIJsonContext.Default</c>, whose encoder escapes non-ASCII text.
/// </summary>
public static class OpenAIJson
{
    private static readonly OpenAIJsonContext Context = new(WireJson.SerializerOptions());

    // Streamed objects have a usage member only when the client asked for usage; the same types, without it.
    private static readonly JsonSerializerOptions WithoutUsage = new(WireJson.SerializerOptions())
    {
        TypeInfoResolver = OpenAIJsonContext.Default.WithAddedModifier(OmitUsage),
    };

    public static JsonTypeInfo<ChatCompletion> ChatCompletion => Context.ChatCompletion;

    /// <summary>Reads a chunk; writes every member, <c>usage</c> included (null until the last chunk).</summary>
    public static JsonTypeInfo<ChatCompletionChunk> ChatCompletionChunk => Context.ChatCompletionChunk;

    /// <summary>Writes a chunk without its <c>usage</c> member: the client did not ask for usage.</summary>
    public static JsonTypeInfo<ChatCompletionChunk> ChatCompletionChunkWithoutUsage { get; } =
        (JsonTypeInfo<ChatCompletionChunk>)WithoutUsage.GetTypeInfo(typeof(ChatCompletionChunk));

    /// <summary>A whole answer, or a streamed chunk when the client asked for usage (null until the last chunk).</summary>
    public static JsonTypeInfo<TextCompletion> TextCompletion => Context.TextCompletion;

    /// <summary>Writes a streamed chunk without its <c>usage</c> member: the client did not ask for usage.</summary>
    public static JsonTypeInfo<TextCompletion> TextCompletionWithoutUsage { get; } =
        (JsonTypeInfo<TextCompletion>)WithoutUsage.GetTypeInfo(typeof(TextCompletion));

    public static JsonTypeInfo<ToolCall> ToolCall => Context.ToolCall;

    public static JsonTypeInfo<ModelList> ModelList => Context.ModelList;

    public static JsonTypeInfo<ModelEntry> ModelEntry => Context.ModelEntry;

    public static JsonTypeInfo<OpenAIErrorEnvelope> ErrorEnvelope => Context.OpenAIErrorEnvelope;

    /// <summary>An embeddings answer with each vector as a JSON array of numbers.</summary>
    public static JsonTypeInfo<EmbeddingList<float[]>> FloatEmbeddings { get; } =
        (JsonTypeInfo<EmbeddingList<float[]>>)Context.GetTypeInfo(typeof(EmbeddingList<float[]>))!;

    /// <summary>An embeddings answer with each vector as base64 of its little-endian float32 bytes.</summary>
    public static JsonTypeInfo<EmbeddingList<string>> Base64Embeddings { get; } =
        (JsonTypeInfo<EmbeddingList<string>>)Context.GetTypeInfo(typeof(EmbeddingList<string>))!;

    private static void OmitUsage(JsonTypeInfo type)
    {
        if (type.Type != typeof(ChatCompletionChunk) && type.Type != typeof(TextCompletion))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Name == "usage")
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }
}
