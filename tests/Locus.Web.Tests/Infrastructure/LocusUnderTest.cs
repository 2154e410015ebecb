using Locus.Core.Configuration;
using Locus.Server;
using Microsoft.AspNetCore.Builder;

namespace Locus.Web.Tests.Infrastructure;

/// <summary>The real Locus server on a free loopback port (Kestrel, port 0), with no models: the page needs none.</summary>
internal sealed class LocusUnderTest : IAsyncDisposable
{
    private LocusUnderTest(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<LocusUnderTest> StartAsync(IReadOnlyList<string>? apiKeys = null)
    {
        var options = new ServerOptions { Host = "127.0.0.1", Port = 0, ApiKeys = apiKeys ?? [] };
        var app = LocusServer.Build(options, new EmptyModelCatalog());
        await app.StartAsync();
        return new LocusUnderTest(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
