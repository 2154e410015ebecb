namespace Locus.Core.Configuration;

/// <summary>Builds the option records from the winning raw values, checking each value on its own.</summary>
internal static class OptionsBinder
{
    public static LocusOptions Bind(SettingReader reader)
    {
        var defaults = new LocusOptions();
        return new LocusOptions
        {
            Server = BindServer(reader, defaults.Server),
            Llama = BindLlama(reader, defaults.Llama),
            Models = BindModels(reader, defaults.Models),
        };
    }

    private static ServerOptions BindServer(SettingReader reader, ServerOptions d) => new()
    {
        Host = reader.Text(ConfigKeys.ServerHost, d.Host, "a host name or IP address", ValueChecks.Host),
        Port = reader.Int(ConfigKeys.ServerPort, d.Port, 0, 65535),
        ApiKeys = ApiKeyReader.Read(reader, d.ApiKeys),
        MaxRequestBodyBytes = reader.Integer(ConfigKeys.ServerMaxRequestBodyBytes, 1, long.MaxValue) ?? d.MaxRequestBodyBytes,
        ResponsesStore = ResponsesStore(reader),
        ResponsesRetention = reader.Integer(ConfigKeys.ServerResponsesRetentionDays, 1, 36_500) is { } days
            ? TimeSpan.FromDays(days)
            : d.ResponsesRetention,
    };

    // Unset: the default file; an empty value: in memory (nothing written to disk).
    private static string? ResponsesStore(SettingReader reader) =>
        reader.IsSet(ConfigKeys.ServerResponsesStore)
        && reader.OptionalText(ConfigKeys.ServerResponsesStore, null, "a file path") is null
            ? null
            : reader.Path(ConfigKeys.ServerResponsesStore, ServerOptions.DefaultResponsesStore);

    private static LlamaOptions BindLlama(SettingReader reader, LlamaOptions d) => new()
    {
        NativeDir = NativeDir(reader, d.NativeDir),
        Threads = reader.Int(ConfigKeys.LlamaThreads, d.Threads, 0),
        ContextSize = reader.Int(ConfigKeys.LlamaContextSize, d.ContextSize, 0),
        BatchSize = reader.Int(ConfigKeys.LlamaBatchSize, d.BatchSize, 1),
        Parallel = reader.Int(ConfigKeys.LlamaParallel, d.Parallel, 1, LlamaOptions.MaxParallel),
        QueueLimit = reader.Int(ConfigKeys.LlamaQueueLimit, d.QueueLimit, 0),
        ChatTemplateFallback = reader.OptionalText(
            ConfigKeys.LlamaChatTemplateFallback, d.ChatTemplateFallback, "a llama.cpp template name"),
        GpuLayers = reader.Int(ConfigKeys.LlamaGpuLayers, d.GpuLayers, -1),
        PromptCache = reader.Bool(ConfigKeys.LlamaPromptCache, d.PromptCache),
        KvCacheType = reader.Choice(ConfigKeys.LlamaKvCacheType, d.KvCacheType, LlamaOptions.KvCacheTypes),
        Backend = reader.Choice(ConfigKeys.LlamaBackend, d.Backend, LlamaOptions.Backends),
        EmbeddingModel = EmbeddingModel(reader, d.EmbeddingModel),
    };

    private static ModelStoreOptions BindModels(SettingReader reader, ModelStoreOptions d) => new()
    {
        Directory = reader.Path(ConfigKeys.ModelsDirectory, d.Directory),
        Default = new DefaultModelOptions
        {
            FileName = reader.Text(ConfigKeys.DefaultFileName, d.Default.FileName, "a file name", ValueChecks.FileName),
            Url = Url(reader, d.Default.Url),
            Sha256 = reader.Text(ConfigKeys.DefaultSha256, d.Default.Sha256, "a SHA-256 digest", ValueChecks.Sha256)
                .ToLowerInvariant(),
            SizeBytes = SizeBytes(reader, d.Default),
        },
    };

    private static string? NativeDir(SettingReader reader, string? fallback)
    {
        if (reader.Raw(ConfigKeys.LlamaNativeDir) is not { Shape: RawShape.Scalar, Text: var text } raw
            || string.IsNullOrWhiteSpace(text))
        {
            return reader.OptionalText(ConfigKeys.LlamaNativeDir, fallback, "a folder path");
        }

        var full = reader.Path(ConfigKeys.LlamaNativeDir, "");
        return Directory.Exists(full) ? full : reader.Fail<string?>(raw, $"folder {full} does not exist") ?? fallback;
    }

    /// <summary>A GGUF file that exists (relative paths are the config file's); empty or null: none.</summary>
    private static string? EmbeddingModel(SettingReader reader, string? fallback)
    {
        if (reader.Raw(ConfigKeys.LlamaEmbeddingModel) is not { Shape: RawShape.Scalar, Text: var text } raw
            || string.IsNullOrWhiteSpace(text))
        {
            return reader.OptionalText(ConfigKeys.LlamaEmbeddingModel, fallback, "a GGUF file path");
        }

        var full = reader.Path(ConfigKeys.LlamaEmbeddingModel, "");
        return File.Exists(full) ? full : reader.Fail<string?>(raw, $"file {full} does not exist") ?? fallback;
    }

    private static Uri? Url(SettingReader reader, Uri? fallback) => reader.Raw(ConfigKeys.DefaultUrl) switch
    {
        null => fallback,
        { Shape: RawShape.Null } => null,
        { Shape: RawShape.Scalar } raw => ValueChecks.HttpUrl(raw.Text) ?? reader.Fail<Uri?>(
            raw, $"must be an absolute http:// or https:// URL, got {raw.Describe(secret: false)}") ?? fallback,
        var raw => reader.Fail<Uri?>(raw, $"expected an http(s) URL, got {raw.Describe(secret: false)}") ?? fallback,
    };

    /// <summary>
    /// The built-in size belongs to the built-in file: once the download is redirected elsewhere and no size is
    /// given, the size is unknown rather than a stale number that would make the progress bar lie.
    /// </summary>
    private static long? SizeBytes(SettingReader reader, DefaultModelOptions d)
    {
        if (reader.Raw(ConfigKeys.DefaultSizeBytes) is { Shape: RawShape.Null })
        {
            return null;
        }

        var size = reader.Integer(ConfigKeys.DefaultSizeBytes, 1, long.MaxValue);
        var redirected = reader.IsSet(ConfigKeys.DefaultUrl) || reader.IsSet(ConfigKeys.DefaultSha256);
        return size ?? (redirected && !reader.IsSet(ConfigKeys.DefaultSizeBytes) ? null : d.SizeBytes);
    }
}
