namespace Locus.Core.Configuration;

public sealed record LlamaOptions
{
    /// <summary>The most slots one model may have: each is a sequence of one shared context.</summary>
    public const int MaxParallel = 64;

    /// <summary>KV cache element types llama.cpp can store keys and values in.</summary>
    public static IReadOnlyList<string> KvCacheTypes { get; } = ["f16", "q8_0", "q4_0"];

    /// <summary>The trained context is capped here when <see cref="ContextSize"/> is 0: KV memory grows with it.</summary>
    public const int DefaultContextCap = 8192;

    /// <summary>Compute backends <see cref="Backend"/> may name.</summary>
    public static IReadOnlyList<string> Backends { get; } = ["auto", "cpu", "cuda", "vulkan"];

    /// <summary>A folder holding a user's own llama.cpp build (libllama + libggml*); null uses the bundled prebuilt one.</summary>
    public string? NativeDir { get; init; }

    /// <summary>Threads for generation and prompt evaluation; 0 = one per CPU core available to the process.</summary>
    public int Threads { get; init; }

    /// <summary>Context window per slot in tokens; 0 = the model's trained context, capped at 8192.</summary>
    public int ContextSize { get; init; }

    /// <summary>The context each slot gets for a model trained on <paramref name="trained"/> tokens.</summary>
    public int ContextPerSlot(long? trained) =>
        ContextSize > 0 ? ContextSize : (int)Math.Min(trained is > 0 ? trained.Value : DefaultContextCap, DefaultContextCap);

    /// <summary>
    /// Tokens per engine step: one for each generating stream, the rest prompt chunks of arriving requests. It bounds
    /// how long running streams wait while a long prompt is evaluated.
    /// </summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Requests generated at the same time per model: sequences batched together in one llama context.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Requests allowed to wait per model beyond <see cref="Parallel"/>; one more gets 429.</summary>
    public int QueueLimit { get; init; } = 16;

    /// <summary>
    /// Built-in llama.cpp template name (e.g. <c>chatml</c>, <c>llama3</c>) used when a model's GGUF carries no
    /// template llama.cpp recognizes. Null: such a model refuses chat requests with a clear error.
    /// </summary>
    public string? ChatTemplateFallback { get; init; }

    /// <summary>Layers to offload to a GPU backend when one is present (-1 = all).</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Keep each slot's KV cache after a request and reuse the longest shared prompt prefix for the next.</summary>
    public bool PromptCache { get; init; } = true;

    /// <summary>How keys and values are stored: <c>f16</c>, <c>q8_0</c> (half the memory) or <c>q4_0</c> (a quarter).</summary>
    public string KvCacheType { get; init; } = "f16";

    /// <summary>
    /// A GGUF served for <c>/v1/embeddings</c> only, beside the chat models (its id: the file name without
    /// <c>.gguf</c>); null: none. Chat models embed too; this is for a small dedicated embedding model.
    /// </summary>
    public string? EmbeddingModel { get; init; }

    /// <summary><c>auto</c> (a usable GPU, else the CPU), <c>cpu</c>, <c>cuda</c> or <c>vulkan</c>.</summary>
    public string Backend { get; init; } = "auto";
}
