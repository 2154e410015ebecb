using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// random-qwen2-tiny (random weights, the real Qwen2 tokenizer and its chat template) in the real engine behind a real
/// Kestrel: whatever the weights say, grammars make its tool calls and JSON valid.
/// </summary>
public sealed class QwenEngineFixture : ServedModelFixture
{
    public const string ModelId = "random-qwen2-tiny";

    protected override Task<IModelCatalog> LoadAsync() =>
        LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Qwen)], new LlamaOptions { Threads = 2, ContextSize = 2048, Parallel = 2 });
}

[CollectionDefinition(Name)]
public sealed class QwenEngineCollection : ICollectionFixture<QwenEngineFixture>
{
    public const string Name = "qwen-engine";
}
