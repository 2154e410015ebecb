using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.AgentTraffic;

/// <summary>
/// random-qwen2-tiny (real Qwen2 tokenizer, ChatML template with tools) in the real engine behind a real Kestrel, with
/// a context large enough for a recorded agent's first prompt (its tools and system text) plus an answer.
/// </summary>
public sealed class AgentTrafficFixture : ServedModelFixture
{
    public const string ModelId = "random-qwen2-tiny";

    /// <summary>The recorded prompts render to a few thousand tokens; the model's own training context is far larger.</summary>
    public const int ContextSize = 8192;

    protected override Task<IModelCatalog> LoadAsync() =>
        LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Qwen)], new LlamaOptions { Threads = 2, ContextSize = ContextSize });
}
