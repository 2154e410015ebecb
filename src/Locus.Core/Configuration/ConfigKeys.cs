namespace Locus.Core.Configuration;

/// <summary>One configuration key: its dotted name (YAML path and override name) and its environment variable.</summary>
internal sealed record ConfigKey(string Name, string EnvironmentVariable, bool IsSecret = false);

/// <summary>
/// The single list of flat keys (<c>server</c>, <c>llama</c>, <c>models</c>). The YAML reader, the environment reader
/// and the override reader all consult it, so a key cannot be readable from one source and silently ignored by another.
/// </summary>
internal static class ConfigKeys
{
    public const string ConfigFileVariable = "LOCUS_CONFIG";

    public const string ServerHost = "server.host";
    public const string ServerPort = "server.port";
    public const string ServerApiKeys = "server.api_keys";
    public const string ServerMaxRequestBodyBytes = "server.max_request_body_bytes";
    public const string ServerResponsesStore = "server.responses_store";
    public const string ServerResponsesRetentionDays = "server.responses_retention_days";
    public const string LlamaNativeDir = "llama.native_dir";
    public const string LlamaThreads = "llama.threads";
    public const string LlamaContextSize = "llama.context_size";
    public const string LlamaBatchSize = "llama.batch_size";
    public const string LlamaParallel = "llama.parallel";
    public const string LlamaQueueLimit = "llama.queue_limit";
    public const string LlamaChatTemplateFallback = "llama.chat_template_fallback";
    public const string LlamaGpuLayers = "llama.gpu_layers";
    public const string LlamaPromptCache = "llama.prompt_cache";
    public const string LlamaKvCacheType = "llama.kv_cache_type";
    public const string LlamaBackend = "llama.backend";
    public const string LlamaEmbeddingModel = "llama.embedding_model";
    public const string ModelsDirectory = "models.directory";
    public const string DefaultFileName = "models.default.file_name";
    public const string DefaultUrl = "models.default.url";
    public const string DefaultSha256 = "models.default.sha256";
    public const string DefaultSizeBytes = "models.default.size_bytes";

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        Standard(ServerHost),
        Standard(ServerPort),
        // The one exception to the naming rule: LOCUS_API_KEYS is what people will guess, and it is a secret
        // that deserves a short, memorable name.
        new(ServerApiKeys, "LOCUS_API_KEYS", IsSecret: true),
        Standard(ServerMaxRequestBodyBytes),
        Standard(ServerResponsesStore),
        Standard(ServerResponsesRetentionDays),
        Standard(LlamaNativeDir),
        Standard(LlamaThreads),
        Standard(LlamaContextSize),
        Standard(LlamaBatchSize),
        Standard(LlamaParallel),
        Standard(LlamaQueueLimit),
        Standard(LlamaChatTemplateFallback),
        Standard(LlamaGpuLayers),
        Standard(LlamaPromptCache),
        Standard(LlamaKvCacheType),
        Standard(LlamaBackend),
        Standard(LlamaEmbeddingModel),
        Standard(ModelsDirectory),
        Standard(DefaultFileName),
        Standard(DefaultUrl),
        Standard(DefaultSha256),
        Standard(DefaultSizeBytes),
    ];

    /// <summary>Names that group keys (YAML mappings), not values.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["server", "llama", "models", "models.default"];

    // Plain collections, not frozen ones: every command reads the config, and building frozen ones costs start-up
    // time (measured on `locus plan`) that their faster lookups never repay for a handful of keys.
    private static readonly Dictionary<string, ConfigKey> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static readonly HashSet<string> SectionNames = new(Sections, StringComparer.Ordinal);

    public static bool IsSection(string name) => SectionNames.Contains(name);

    public static ConfigKey? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The known key closest to a misspelt one (at most two edits away), for "did you mean" hints.</summary>
    public static string? Suggest(string unknown) =>
        KeySuggestions.Closest(unknown, All.Select(k => k.Name).Concat(Sections));

    private static ConfigKey Standard(string name) =>
        new(name, "LOCUS_" + name.Replace('.', '_').ToUpperInvariant());
}
