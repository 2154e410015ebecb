using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Server.Auth;
using Locus.Node;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Locus.Server.Hosting;
using Locus.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locus.Server;

/// <summary>The OpenAI-compatible HTTP server, with Anthropic's Messages API beside it.</summary>
public static class LocusServer
{
    /// <summary>
    /// Builds (does not start) a server for <paramref name="catalog"/> on <c>options.Host:options.Port</c>; port 0 picks
    /// a free one, readable from <c>app.Urls</c> after <c>StartAsync</c>. The caller keeps ownership of the catalog.
    /// </summary>
    /// <exception cref="Locus.Core.Errors.LocusException">
    /// The settings are unusable: e.g. a non-loopback host without <c>server.api_keys</c>. The message says which setting.
    /// </exception>
    public static WebApplication Build(
        ServerOptions options, IModelCatalog catalog, ILoggerFactory? loggerFactory = null, TimeProvider? time = null) =>
        Build(options, catalog, null, loggerFactory, time);

    /// <summary>
    /// Builds a server for a running <see cref="LocusNode"/>: every request is routed (<c>x-locus-*</c> headers
    /// explain where it ran), client keys identify clients, and <c>GET /v1/usage</c> reports from the node's ledger.
    /// The caller keeps ownership of the node.
    /// </summary>
    public static WebApplication Build(ServerOptions options, LocusNode node, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Build(options, node.Catalog, node, loggerFactory ?? node.Settings.Loggers, time ?? node.Settings.Time);
    }

    private static WebApplication Build(
        ServerOptions options, IModelCatalog catalog, LocusNode? node, ILoggerFactory? loggerFactory, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var endpoint = ListenAddress.Resolve(options);

        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: Locus's own config is the only input.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(LocusServer).Assembly.GetName().Name });
        builder.Services.AddLogging();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddRoutingCore();
        var meshListener = node?.Mesh is not null ? new Mesh.MeshListener(node.Settings.Config.Mesh) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // Slow-loris guard; generation time is not limited here because responses stream as they are made.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Listen(endpoint);
            meshListener?.Bind(kestrel);
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Locus.Server");
        var keys = new ApiKeys([.. options.ApiKeys.Select(k => (k, ApiKeys.DefaultClient)), .. node?.ClientKeys ?? []]);
        var state = new ServerState(options, catalog, time ?? TimeProvider.System, logger)
        {
            Node = node,
            // Only an open server (no keys at all, so loopback) lets callers name themselves.
            TrustClientHeader = !keys.Required,
        };
        app.Use(next => new ErrorMiddleware(next, logger).InvokeAsync);
        if (meshListener is not null)
        {
            app.Use(next => context => meshListener.GateAsync(context, next));
        }

        app.Use(next => new ApiKeyMiddleware(next, keys, logger).InvokeAsync);
        app.UseRouting();
        MapEndpoints(app, state);
        MapMesh(app, state);
        if (meshListener is not null)
        {
            new Mesh.MeshBackground(node!, node!.Mesh!, meshListener).Attach(app);
        }

        return app;
    }

    private static void MapEndpoints(WebApplication app, ServerState state)
    {
        var info = new InfoEndpoints(state);
        app.MapGet("/health", (RequestDelegate)info.HealthAsync);
        app.MapGet("/v1/models", (RequestDelegate)info.ListAsync);
        app.MapGet("/v1/models/{**id}", (RequestDelegate)info.GetAsync);
        app.MapPost("/v1/chat/completions", (RequestDelegate)new ChatCompletionsEndpoint(state).HandleAsync);
        app.MapPost("/v1/completions", (RequestDelegate)new CompletionsEndpoint(state).HandleAsync);
        app.MapPost("/v1/messages", (RequestDelegate)new MessagesEndpoint(state).HandleAsync);
        app.MapPost("/v1/messages/count_tokens", (RequestDelegate)new CountTokensEndpoint(state).HandleAsync);
        var responses = ResponsesEndpoint.Create(app, state);
        app.MapPost("/v1/responses", (RequestDelegate)responses.CreateAsync);
        app.MapGet("/v1/responses/{id}", (RequestDelegate)responses.GetAsync);
        app.MapDelete("/v1/responses/{id}", (RequestDelegate)responses.DeleteAsync);
        app.MapPost("/v1/embeddings", (RequestDelegate)new EmbeddingsEndpoint(state).HandleAsync);
        app.MapGet("/v1/usage", (RequestDelegate)new UsageEndpoint(state.Node?.Ledger, state.Time).HandleAsync);
        app.MapGet("/v1/plan", (RequestDelegate)new PlanEndpoint().HandleAsync);
        app.MapGet("/v1/thermal", (RequestDelegate)new ThermalEndpoint().HandleAsync);
        app.MapGet("/v1/thermal/envelopes", (RequestDelegate)ThermalEndpoint.EnvelopesAsync);
        app.MapGet("/v1/thermal/now", (RequestDelegate)new ThermalNowEndpoint(state).HandleAsync);
        app.MapGet(PlannerPage.Path, (RequestDelegate)PlannerPage.PageAsync);
        app.MapGet(PlannerPage.Path + "/{file}", (RequestDelegate)PlannerPage.FileAsync);
        app.MapGet("/v1/place", (RequestDelegate)new PlaceEndpoint().HandleAsync);
        app.MapPost("/v1/bench/synthetic", (RequestDelegate)new SyntheticBenchEndpoint(state).HandleAsync);
        app.MapPost("/api/chat", (RequestDelegate)new Ollama.OllamaChatEndpoint(state).HandleAsync);
        app.MapPost("/api/generate", (RequestDelegate)new Ollama.OllamaGenerateEndpoint(state).HandleAsync);
        app.MapGet("/api/tags", (RequestDelegate)new Ollama.OllamaModelEndpoints(state).TagsAsync);
        app.MapGet("/api/ps", (RequestDelegate)new Ollama.OllamaModelEndpoints(state).RunningAsync);
        app.MapPost("/api/show", (RequestDelegate)new Ollama.OllamaModelEndpoints(state).ShowAsync);
        app.MapGet("/api/version", (RequestDelegate)Ollama.OllamaModelEndpoints.VersionAsync);
        app.MapPost("/api/embed", (RequestDelegate)new Ollama.OllamaEmbedEndpoint(state).EmbedAsync);
        app.MapPost("/api/embeddings", (RequestDelegate)new Ollama.OllamaEmbedEndpoint(state).EmbeddingsAsync);
    }

    private static void MapMesh(WebApplication app, ServerState state)
    {
        var mesh = state.Node?.Mesh;
        var admin = new Mesh.MeshAdminEndpoints(mesh, state);
        app.MapGet("/v1/mesh/status", (RequestDelegate)admin.StatusAsync);
        app.MapGet("/v1/mesh/peers", (RequestDelegate)admin.PeersAsync);
        app.MapDelete("/v1/mesh/peers/{id}", (RequestDelegate)admin.RevokeAsync);
        app.MapPost("/v1/mesh/pair", (RequestDelegate)admin.OfferAsync);
        app.MapPost("/v1/mesh/pair/join", (RequestDelegate)admin.JoinAsync);
        app.MapPost("/v1/mesh/sync", (RequestDelegate)admin.SyncAsync);
        var memory = new Mesh.MemoryEndpoints(mesh, state);
        app.MapGet("/v1/memory", (RequestDelegate)memory.ListAsync);
        app.MapGet("/v1/memory/{id}", (RequestDelegate)memory.GetAsync);
        app.MapPut("/v1/memory/{id}", (RequestDelegate)memory.PutAsync);
        app.MapPost("/v1/memory/{id}/append", (RequestDelegate)memory.AppendAsync);
        app.MapDelete("/v1/memory/{id}", (RequestDelegate)memory.DeleteAsync);
        var history = new Mesh.HistoryEndpoints(mesh, state);
        app.MapGet("/v1/history/{conversation}", (RequestDelegate)history.GetAsync);
        app.MapPost("/v1/history/{conversation}", (RequestDelegate)history.AppendAsync);
        if (mesh is null)
        {
            return;
        }

        var peers = new Mesh.MeshPeerEndpoints(mesh);
        app.MapGet(Locus.Mesh.Node.MeshProtocol.Hello, (RequestDelegate)peers.HelloAsync);
        app.MapPost(Locus.Mesh.Node.MeshProtocol.PairHello, (RequestDelegate)peers.PairHelloAsync);
        app.MapPost(Locus.Mesh.Node.MeshProtocol.PairConfirm, (RequestDelegate)peers.PairConfirmAsync);
        app.MapPost(Locus.Mesh.Node.MeshProtocol.Sync, (RequestDelegate)peers.SyncAsync);
    }
}
