using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

/// <summary>
/// stories260K (no chat template of its own: the raw fallback joins the turns, so /api/generate's prompt reaches it
/// as written) and random-qwen2-tiny (ChatML, for /api/chat) in the real engine behind a real Kestrel.
/// </summary>
public sealed class OllamaEngineFixture : ServedModelFixture
{
    public const string Stories = "stories260K";

    public const string Qwen = "random-qwen2-tiny";

    protected override Task<IModelCatalog> LoadAsync() => LlamaModels.LoadAsync(
        [new LocalModelSpec(SharedModels.Stories), new LocalModelSpec(SharedModels.Qwen)],
        new LlamaOptions { Threads = 2, ContextSize = 512, ChatTemplateFallback = "raw" });
}
