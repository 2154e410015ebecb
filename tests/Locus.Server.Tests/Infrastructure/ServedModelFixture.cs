using Locus.Core.Abstractions;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>
/// Real models loaded once into the real llama.cpp engine and served by a real Kestrel, for a class or a collection of
/// end-to-end tests; nothing is loaded when the shared models are absent (the tests skip).
/// </summary>
public abstract class ServedModelFixture : IAsyncLifetime
{
    private IModelCatalog? _catalog;

    internal RunningServer Server { get; private set; } = null!;

    /// <summary>Loads the models to serve (called only when the shared models are there).</summary>
    protected abstract Task<IModelCatalog> LoadAsync();

    public async Task InitializeAsync()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        _catalog = await LoadAsync();
        Server = await RunningServer.StartAsync(_catalog);
    }

    public virtual async Task DisposeAsync()
    {
        if (_catalog is null)
        {
            return;
        }

        await Server.DisposeAsync();
        _catalog.Dispose();
    }
}
