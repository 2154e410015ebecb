namespace Locus.Core.Configuration;

/// <summary>Where models are kept, and which one is used (and fetched) by default.</summary>
public sealed record ModelStoreOptions
{
    /// <summary>Where downloaded models live. <c>~</c> expands to the home folder.</summary>
    public string Directory { get; init; } = "~/.cache/locus/models";

    /// <summary>The model <c>serve</c> uses without <c>--model</c>; downloaded on first use when not on disk.</summary>
    public DefaultModelOptions Default { get; init; } = new();
}

/// <summary>
/// The model <c>serve</c> downloads when none is given. The built-in pin is Qwen2.5-0.5B-Instruct, Q4_K_M (Apache-2.0):
/// small enough to download and run anywhere, and a real instruct model with a chat template llama.cpp knows.
/// </summary>
public sealed record DefaultModelOptions
{
    /// <summary>File name under <see cref="ModelStoreOptions.Directory"/>.</summary>
    public string FileName { get; init; } = "qwen2.5-0.5b-instruct-q4_k_m.gguf";

    /// <summary>Where to download it from (HTTP(S), must support range requests to resume).</summary>
    public Uri? Url { get; init; } =
        new("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf");

    /// <summary>Expected SHA-256 of the file, lowercase hex; a download that does not match is discarded.</summary>
    public string Sha256 { get; init; } = "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db";

    /// <summary>Expected size in bytes, used for progress before the server says; null when unknown.</summary>
    public long? SizeBytes { get; init; } = 491_400_032;
}
