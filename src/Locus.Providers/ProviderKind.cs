namespace Locus.Providers;

/// <summary>The wire protocol a target speaks.</summary>
public enum ProviderKind
{
    /// <summary>OpenAI chat completions: OpenAI, OpenRouter, vLLM, llama-server, Ollama's /v1, another Locus.</summary>
    OpenAI,

    /// <summary>The Anthropic Messages API.</summary>
    Anthropic,
}
