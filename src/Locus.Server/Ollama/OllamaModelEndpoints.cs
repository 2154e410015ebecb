using System.Globalization;
using System.Text.Json.Nodes;
using Locus.Core.Abstractions;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Locus.Server.Protocol;
using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>
/// <c>GET /api/tags</c>, <c>GET /api/ps</c>, <c>POST /api/show</c> and <c>GET /api/version</c>: the served models in
/// Ollama's words. A local model is described from its GGUF file; a model without a file here (a cloud target, the
/// router's auto model) has empty details, as Ollama shows what it does not know.
/// </summary>
internal sealed class OllamaModelEndpoints(ServerState state)
{
    /// <summary>
    /// The Ollama release whose API this server answers like: clients that check the version before using a feature
    /// (tools, structured outputs, <c>/api/embed</c>) find one that has them all.
    /// </summary>
    public const string CompatibleVersion = "0.9.0";

    // Every model stays loaded for the life of the server; Ollama clients read a far expiry as "kept loaded".
    private static readonly string NeverExpires = OllamaMapping.Timestamp(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));

    public Task TagsAsync(HttpContext context)
    {
        var models = state.Catalog.Models.Select(m =>
        {
            var facts = FactsOf(m.Id);
            return new OllamaModelEntry
            {
                Name = OllamaModelNames.Listed(m.Id),
                Model = OllamaModelNames.Listed(m.Id),
                ModifiedAt = OllamaMapping.Timestamp(facts?.Modified ?? m.Created),
                Size = facts?.Size ?? 0,
                Digest = facts?.Digest ?? "",
                Details = facts?.Details() ?? OllamaModelFacts.Unknown(m.OwnedBy),
            };
        });
        return JsonResponse.WriteAsync(context, new OllamaModelList { Models = [.. models] }, OllamaJson.ModelList);
    }

    public Task RunningAsync(HttpContext context)
    {
        var models = state.Catalog.Models.Select(m =>
        {
            var facts = FactsOf(m.Id);
            return new OllamaRunningModel
            {
                Name = OllamaModelNames.Listed(m.Id),
                Model = OllamaModelNames.Listed(m.Id),
                Size = facts?.Size ?? 0,
                Digest = facts?.Digest ?? "",
                Details = facts?.Details() ?? OllamaModelFacts.Unknown(m.OwnedBy),
                ExpiresAt = NeverExpires,
                SizeVram = 0,
                ContextLength = m.ContextLength,
            };
        });
        return JsonResponse.WriteAsync(context, new OllamaRunningList { Models = [.. models] }, OllamaJson.RunningList);
    }

    public async Task ShowAsync(HttpContext context)
    {
        var (name, verbose) = await OllamaRequestBody.ParseAsync(context, state.Options.MaxRequestBodyBytes, root =>
            // "name" is what Ollama's clients sent before "model"; older ones still do.
            (Fields.TryGet(root, "model", out _) || !Fields.TryGet(root, "name", out _)
                ? Fields.RequiredString(root, "model")
                : Fields.RequiredString(root, "name"),
             Fields.Boolean(root, "verbose") ?? false)).ConfigureAwait(false);

        var id = OllamaModelNames.Resolve(state.Catalog, name);
        var info = state.Catalog.Models.FirstOrDefault(m => m.Id == id);
        var facts = FactsOf(id);
        var contextLength = info?.ContextLength ?? 0;
        var reply = new OllamaShowReply
        {
            // The file's name only: where the server keeps its models is none of a client's business.
            Modelfile = PathOf(id) is { } path ? $"# Served by Locus\nFROM {Path.GetFileName(path)}\nPARAMETER num_ctx {contextLength}\n" : "",
            Parameters = contextLength > 0 ? $"num_ctx {contextLength.ToString(CultureInfo.InvariantCulture)}" : "",
            Template = facts?.ChatTemplate ?? "",
            Details = facts?.Details() ?? OllamaModelFacts.Unknown(info?.OwnedBy ?? ""),
            ModelInfo = facts?.ModelInfo(verbose) ?? new JsonObject(),
            Capabilities = Capabilities(id),
            ModifiedAt = OllamaMapping.Timestamp(facts?.Modified ?? info?.Created ?? state.Time.GetUtcNow()),
        };
        await JsonResponse.WriteAsync(context, reply, OllamaJson.ShowReply).ConfigureAwait(false);
    }

    public static Task VersionAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context, new OllamaVersion { Version = CompatibleVersion }, OllamaJson.Version);

    // Every chat model here takes tools: a template that cannot render them gets them described in a system message.
    private List<string> Capabilities(string id)
    {
        List<string> capabilities = ["completion", "tools"];
        if (Backend(id)?.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)) is not null)
        {
            capabilities.Add("embedding");
        }

        return capabilities;
    }

    private OllamaModelFacts? FactsOf(string id) => PathOf(id) is { } path ? OllamaModelFacts.Of(path) : null;

    private string? PathOf(string id) => (Backend(id)?.GetService(typeof(ILocalModelFile)) as ILocalModelFile)?.FilePath;

    /// <summary>The backend itself, not the routing client in front of it (which has no file); null for the auto model.</summary>
    private IChatClient? Backend(string id) =>
        state.Node?.Router.Snapshot is { } snapshot ? snapshot.Find(id)?.Client : state.Catalog.Find(id);
}
