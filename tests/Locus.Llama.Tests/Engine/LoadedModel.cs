using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama.Engine;

namespace Locus.Llama.Tests.Engine;

/// <summary>A model loaded through the public entry point, with handles on the internals the tests inspect.</summary>
internal sealed class LoadedModel : IDisposable
{
    private LoadedModel(IModelCatalog catalog, LlamaChatClient client)
    {
        Catalog = catalog;
        Client = client;
    }

    public IModelCatalog Catalog { get; }

    public LlamaChatClient Client { get; }

    public ITextCompletionClient Text => Client;

    public LlamaLocalModel Model => Client.Model;

    public static async Task<LoadedModel> LoadAsync(string path, LlamaOptions? options = null)
    {
        var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(path)], options ?? new LlamaOptions { Threads = 2, ContextSize = 512 });
        return new LoadedModel(catalog, (LlamaChatClient)catalog.Find(catalog.Models[0].Id)!);
    }

    public void Dispose() => Catalog.Dispose();
}
