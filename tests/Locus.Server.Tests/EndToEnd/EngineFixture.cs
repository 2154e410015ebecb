using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>stories260K loaded once into the real llama.cpp engine, served by a real Kestrel, for every end-to-end test.</summary>
public sealed class EngineFixture : ServedModelFixture
{
    public const string ModelId = "stories260K";

    // stories260K has no chat template of its own; chatml lets the chat endpoint format its prompts.
    protected override Task<IModelCatalog> LoadAsync() => LlamaModels.LoadAsync(
        [new LocalModelSpec(SharedModels.Stories)], new LlamaOptions { Threads = 2, ContextSize = 256, ChatTemplateFallback = "chatml" });
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
