using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Routing.Runtime;
using Locus.Server.Sse;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary>What every endpoint shares: options, the models, the clock, the logger.</summary>
internal sealed class ServerState(ServerOptions options, IModelCatalog catalog, TimeProvider time, ILogger logger)
{
    public ServerOptions Options => options;

    public IModelCatalog Catalog => catalog;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>The routing node behind the catalog, when the server routes (null: plain models).</summary>
    public Locus.Node.LocusNode? Node { get; init; }

    /// <summary>Whether <c>x-locus-client</c> may name the client (only on a server without keys).</summary>
    public bool TrustClientHeader { get; init; }

    /// <summary>
    /// Resolves <paramref name="model"/> for one raw prompt (<c>/v1/completions</c>). On a routing node it is routed like
    /// chat — decided as one user message, with the <c>x-locus-*</c> headers, a ledger row and budgets — and runs raw
    /// on a target that completes raw text; elsewhere it is the model's own <see cref="ITextCompletionClient"/>.
    /// </summary>
    public ITextCompletionClient FindCompletion(Microsoft.AspNetCore.Http.HttpContext context, string model, ChatOptions options) =>
        Node is null
            ? FindModel(model).GetService(typeof(ITextCompletionClient)) as ITextCompletionClient
                ?? throw new LocusException(LocusError.Invalid(
                    $"The model '{model}' does not do raw text completions; use /v1/chat/completions.", "model", "unsupported_model"))
            : (RouteCall)FindRouted(context, model, options);

    /// <summary>
    /// The backend itself, not routed, for what runs no generation (counting tokens): a target by name, or the
    /// fast-path target for the auto model.
    /// </summary>
    public IChatClient FindUnrouted(string id)
    {
        if (Node?.Router.Snapshot is not { } snapshot)
        {
            return FindModel(id);
        }

        var target = string.Equals(id, snapshot.Routing.AutoModel, StringComparison.Ordinal) ? snapshot.Fast : snapshot.Find(id);
        return target?.Client ?? throw ModelNotFound(id);
    }

    /// <summary>
    /// Resolves <paramref name="model"/> for one request. On a routing node, the client is the request's own
    /// <see cref="Locus.Routing.Runtime.RouteCall"/>, bound to who asks and how, whose result becomes the
    /// <c>x-locus-*</c> response headers.
    /// </summary>
    public IChatClient FindRouted(Microsoft.AspNetCore.Http.HttpContext context, string model, ChatOptions options)
    {
        var client = FindModel(model);
        var request = Routing.RouteHeaders.Read(context, model, options, TrustClientHeader);
        if (Node is null)
        {
            return client;
        }

        var call = Node.Router.Route(request);
        Routing.RouteHeaders.WriteWhenStarting(context.Response, call);
        return call;
    }

    /// <summary>
    /// The embedding generator that serves <paramref name="id"/>: a backend exposes one through
    /// <c>GetService(typeof(IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;))</c>. On a routing node the id is
    /// a target's name (the auto model: the fast-path target) or the embedding-only model, and a remote target's
    /// generator comes wrapped in the privacy check (<see cref="Routing.EmbeddingPrivacyGuard"/>), so that no caller
    /// can send text to a cloud that chat would have kept on the device.
    /// </summary>
    /// <param name="marking">The request's <c>x-locus-privacy</c> marking.</param>
    public IEmbeddingGenerator<string, Embedding<float>> FindEmbedder(string id, Locus.Routing.Requests.PrivacyMarking marking = default)
    {
        if (Node is null)
        {
            return EmbedderOf(FindModel(id), id);
        }

        if (Node.FindEmbeddingOnly(id) is { } only)
        {
            return EmbedderOf(only, id);
        }

        var snapshot = Node.Router.Snapshot;
        var target = string.Equals(id, snapshot.Routing.AutoModel, StringComparison.Ordinal) ? snapshot.Fast : snapshot.Find(id);
        if (target is null)
        {
            throw ModelNotFound(id);
        }

        var generator = EmbedderOf(target.Client, id);
        return target.OnDevice ? generator : new Routing.EmbeddingPrivacyGuard(generator, Node.Router.Services.Scanner, marking, target.Name);
    }

    /// <summary>The request's <c>x-locus-privacy</c> marking (a 400 when the header is malformed).</summary>
    public static Locus.Routing.Requests.PrivacyMarking PrivacyOf(Microsoft.AspNetCore.Http.HttpContext context) =>
        Routing.RouteHeaders.PrivacyMarkingOf(context);

    private static IEmbeddingGenerator<string, Embedding<float>> EmbedderOf(IChatClient client, string id) =>
        client.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)) as IEmbeddingGenerator<string, Embedding<float>>
        ?? throw new LocusException(LocusError.Invalid(
            $"The model '{id}' does not serve embeddings. GET /v1/models lists the models here.", "model", "model_not_embedding"));

    /// <summary>What <c>/v1/models</c> lists: the catalog, and on a routing node the embedding-only model too.</summary>
    public IReadOnlyList<ModelInfo> ListedModels => Node is { } node && node.EmbeddingOnlyModels is { Count: > 0 } extra
        ? [.. catalog.Models, .. extra]
        : catalog.Models;

    public IChatClient FindModel(string id) => catalog.Find(id) ?? throw ModelNotFound(id);

    public static LocusException ModelNotFound(string id) => new(new LocusError(LocusErrorKind.ModelNotFound,
        $"The model '{id}' does not exist here. GET /v1/models lists the models this server has loaded.", "model", "model_not_found"));

    /// <summary>Logs the end of a generation that began at <paramref name="started"/> (a <see cref="Time"/> timestamp).</summary>
    public void LogFinished(string endpoint, string model, StreamResult result, long started) => Log.GenerationFinished(logger, endpoint, model,
        result.PromptTokens, result.CompletionTokens, (long)time.GetElapsedTime(started).TotalMilliseconds, result.FinishReason);

    /// <summary>The id, timestamp and model every object (or chunk) of one response repeats.</summary>
    public ResponseMeta NewResponse(string idPrefix, string model) =>
        new(idPrefix + Guid.NewGuid().ToString("N"), time.GetUtcNow().ToUnixTimeSeconds(), model);
}
