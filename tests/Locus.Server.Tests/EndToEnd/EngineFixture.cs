using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>stories260K loaded once into the real llama.cpp engine, served by a real Kestrel, for every end-to-end test.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string ModelId = "stories260K";

    private IModelCatalog? _catalog;

    internal RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        var path = SharedModels.Stories;
        // stories260K has no chat template of its own; chatml lets the chat endpoint format its prompts.
        _catalog = await LlamaModels.LoadAsync(
            [new LocalModelSpec(path)], new LlamaOptions { Threads = 2, ContextSize = 256, ChatTemplateFallback = "chatml" });
        Server = await RunningServer.StartAsync(_catalog);
    }

    public async Task DisposeAsync()
    {
        if (_catalog is null)
        {
            return;
        }

        await Server.DisposeAsync();
        _catalog.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
