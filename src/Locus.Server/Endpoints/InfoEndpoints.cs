using Locus.Core.Abstractions;
using Locus.Server.Errors;
using Locus.Wire.Anthropic;
using Locus.Wire.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /health</c>, <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>. The model endpoints answer in Anthropic's
/// shape when the request carries <c>anthropic-version</c> (as every Anthropic SDK sends it), in OpenAI's otherwise.
/// </summary>
internal sealed class InfoEndpoints(ServerState state)
{
    public Task HealthAsync(HttpContext context) => JsonResponse.WriteAsync(context,
        new HealthStatus("ok", [.. state.Catalog.Models.Select(m => m.Id)], Engines()), ServerJsonContext.Wire.HealthStatus);

    private List<EngineHealth>? Engines()
    {
        var engines = new List<EngineHealth>();
        foreach (var model in state.Catalog.Models)
        {
            if (state.Catalog.LoadOf(model.Id) is { Engine: { } engine } load)
            {
                engines.Add(EngineHealth.From(model.Id, load, engine));
            }
        }

        return engines.Count > 0 ? engines : null;
    }

    public Task ListAsync(HttpContext context)
    {
        if (!AnthropicErrors.IsAnthropicClient(context.Request))
        {
            return JsonResponse.WriteAsync(context, new ModelList { Data = [.. state.ListedModels.Select(Entry)] }, OpenAIJson.ModelList);
        }

        var models = state.ListedModels.Select(AnthropicEntry).ToList();
        var list = new AnthropicModelList { Data = models, HasMore = false, FirstId = models.FirstOrDefault()?.Id, LastId = models.LastOrDefault()?.Id };
        return JsonResponse.WriteAsync(context, list, AnthropicJson.ModelList);
    }

    public Task GetAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var model = state.ListedModels.FirstOrDefault(m => m.Id == id) ?? throw ServerState.ModelNotFound(id);
        return AnthropicErrors.IsAnthropicClient(context.Request)
            ? JsonResponse.WriteAsync(context, AnthropicEntry(model), AnthropicJson.Model)
            : JsonResponse.WriteAsync(context, Entry(model), OpenAIJson.ModelEntry);
    }

    private static ModelEntry Entry(ModelInfo m) => new() { Id = m.Id, Created = m.Created.ToUnixTimeSeconds(), OwnedBy = m.OwnedBy };

    // The id is the only name a model has here; it is also the display name.
    private static AnthropicModel AnthropicEntry(ModelInfo m) => new()
    {
        Id = m.Id,
        DisplayName = m.Id,
        CreatedAt = m.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    };
}
