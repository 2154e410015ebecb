using Locus.Core.Abstractions;
using Locus.Server.Errors;
using Locus.Wire.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary><c>GET /health</c>, <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>.</summary>
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

    public Task ListAsync(HttpContext context) => JsonResponse.WriteAsync(context,
        new ModelList { Data = [.. state.ListedModels.Select(Entry)] }, OpenAIJson.ModelList);

    public Task GetAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var model = state.ListedModels.FirstOrDefault(m => m.Id == id) ?? throw ServerState.ModelNotFound(id);
        return JsonResponse.WriteAsync(context, Entry(model), OpenAIJson.ModelEntry);
    }

    private static ModelEntry Entry(ModelInfo m) => new() { Id = m.Id, Created = m.Created.ToUnixTimeSeconds(), OwnedBy = m.OwnedBy };
}
