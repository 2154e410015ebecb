using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Microsoft.AspNetCore.Builder;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>A real Kestrel on a free loopback port, with an HttpClient pointed at it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<RunningServer> StartAsync(IModelCatalog catalog, ServerOptions? options = null, TimeProvider? time = null)
    {
        options ??= new ServerOptions { Host = "127.0.0.1", Port = 0 };
        var app = LocusServer.Build(options, catalog, time: time);
        await app.StartAsync();
        // A wildcard listener reports 0.0.0.0; the tests reach it through loopback.
        var bound = new Uri(app.Urls.Single().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return new RunningServer(app, bound);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
