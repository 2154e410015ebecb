namespace Locus.Core.Configuration;

public sealed record LlamaOptions
{
    /// <summary>A folder holding a user's own llama.cpp build (libllama + libggml*); null uses the bundled prebuilt one.</summary>
    public string? NativeDir { get; init; }

    /// <summary>Threads for generation and prompt evaluation; 0 = one per CPU core available to the process.</summary>
    public int Threads { get; init; }

    /// <summary>Context window per sequence in tokens; 0 = the model's trained context, capped at 8192.</summary>
    public int ContextSize { get; init; }

    /// <summary>Tokens per prompt-evaluation batch.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Requests generated at the same time per model (one llama context each).</summary>
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
}
