namespace Locus.Core.Abstractions;

/// <summary>
/// How busy a local backend is, for latency prediction. Exposed through <c>IChatClient.GetService(typeof(ILoadInfo))</c>.
/// </summary>
public interface ILoadInfo
{
    /// <summary>Requests generating now.</summary>
    int Running { get; }

    /// <summary>Requests waiting for a slot.</summary>
    int Queued { get; }

    /// <summary>Requests that can generate at once.</summary>
    int Parallel { get; }

    /// <summary>Tokens of context per request.</summary>
    int ContextLength { get; }

    /// <summary>
    /// What the engine measured on its own recent steps (slots, KV cells, prompt cache, batched speed); null for a
    /// backend that does not measure itself.
    /// </summary>
    EngineSnapshot? Engine => null;
}
