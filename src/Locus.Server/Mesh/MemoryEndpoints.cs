using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Mesh.Node;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Mesh;

/// <summary>
/// <c>/v1/memory</c>: the person's memory documents, replicated to every paired device. A write answers only after it
/// is committed to disk. Text is returned here (the caller holds an API key), but never logged.
/// </summary>
internal sealed class MemoryEndpoints(MeshNode? mesh, ServerState state)
{
    public Task ListAsync(HttpContext context)
    {
        var list = new JsonArray();
        foreach (var entry in Book().List())
        {
            list.Add(new JsonObject { ["id"] = entry.Id, ["name"] = entry.Name, ["scope"] = entry.Scope, ["chars"] = entry.Text.Length });
        }

        return MeshAdminEndpoints.WriteAsync(context, new JsonObject { ["documents"] = list });
    }

    public Task GetAsync(HttpContext context)
    {
        var id = Id(context);
        var entry = Book().Find(id) ?? throw NotFound(id);
        return MeshAdminEndpoints.WriteAsync(context, Json(entry));
    }

    /// <summary>PUT: <c>{"text": ..., "name"?: ..., "scope"?: "devices"|"cloud"}</c> creates or replaces.</summary>
    public async Task PutAsync(HttpContext context)
    {
        var book = Book();
        var id = Id(context);
        using var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var root = body.RootElement;
        var text = MeshAdminEndpoints.Text(root, "text");
        var name = Optional(root, "name");
        var scope = Optional(root, "scope");
        if (scope is not null and not (MemoryBook.ScopeDevices or MemoryBook.ScopeCloud))
        {
            throw MeshAdminEndpoints.Invalid($"scope must be \"{MemoryBook.ScopeDevices}\" (never leaves your devices) or \"{MemoryBook.ScopeCloud}\" (may be sent to cloud models)", "scope");
        }

        await MeshAdminEndpoints.WriteAsync(context, Json(book.Write(id, text, name, scope))).ConfigureAwait(false);
    }

    /// <summary>POST .../append: <c>{"text": ...}</c> adds at the end.</summary>
    public async Task AppendAsync(HttpContext context)
    {
        var book = Book();
        var id = Id(context);
        using var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        await MeshAdminEndpoints.WriteAsync(context, Json(book.Append(id, MeshAdminEndpoints.Text(body.RootElement, "text")))).ConfigureAwait(false);
    }

    public Task DeleteAsync(HttpContext context)
    {
        var id = Id(context);
        if (!Book().Delete(id))
        {
            throw NotFound(id);
        }

        return MeshAdminEndpoints.WriteAsync(context, new JsonObject { ["deleted"] = id });
    }

    private MemoryBook Book() => mesh is null ? throw MeshAdminEndpoints.NotEnabled() : new MemoryBook(mesh.State);

    private static string Id(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        return MemoryBook.IsValidId(id) ? id
            : throw MeshAdminEndpoints.Invalid($"\"{id}\" is not a usable memory id: use letters, digits, '.', '_' or '-' (up to 64)", "id");
    }

    private static string? Optional(JsonElement root, string name) => !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw MeshAdminEndpoints.Invalid($"'{name}' must be a string", name);

    private static ApiException NotFound(string id) =>
        new(new ApiError(404, ApiError.InvalidRequest, $"No memory document '{id}'. GET /v1/memory lists them.", "id", "memory_not_found"));

    private static JsonObject Json(MemoryEntry entry) =>
        new() { ["id"] = entry.Id, ["name"] = entry.Name, ["scope"] = entry.Scope, ["text"] = entry.Text };
}
