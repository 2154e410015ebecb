using System.Text.Json.Nodes;
using Locus.Mesh.Node;
using Locus.Mesh.State;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Mesh;

/// <summary>
/// <c>/v1/history/{conversation}</c>: conversation history replicated to every paired device (append-only, ordered by
/// hybrid logical clock), so a conversation begun on the laptop can be continued on the phone. Appends are committed
/// before they are acknowledged. Content is returned to callers with a key, never logged.
/// </summary>
internal sealed class HistoryEndpoints(MeshNode? mesh, ServerState state)
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    public Task GetAsync(HttpContext context)
    {
        var node = mesh ?? throw MeshAdminEndpoints.NotEnabled();
        var id = Conversation(context);
        var messages = node.State.Read(s => s.History.Where(m => m.ConversationId == id).ToList());
        var list = new JsonArray();
        foreach (var m in messages)
        {
            list.Add(new JsonObject { ["role"] = m.Role, ["content"] = m.Content });
        }

        return MeshAdminEndpoints.WriteAsync(context, new JsonObject { ["conversation"] = id, ["messages"] = list });
    }

    /// <summary>POST: <c>{"role": "user"|"assistant"|..., "content": "..."}</c> appends one message.</summary>
    public async Task AppendAsync(HttpContext context)
    {
        var node = mesh ?? throw MeshAdminEndpoints.NotEnabled();
        var id = Conversation(context);
        using var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var role = MeshAdminEndpoints.Text(body.RootElement, "role");
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            throw MeshAdminEndpoints.Invalid($"role must be one of {string.Join(", ", Roles)}", "role");
        }

        var content = MeshAdminEndpoints.Text(body.RootElement, "content");
        node.State.Change(s => s.AppendMessage(new ConversationMessage(id, role, content)));
        var count = node.State.Read(s => s.History.Count(m => m.ConversationId == id));
        await MeshAdminEndpoints.WriteAsync(context, new JsonObject { ["conversation"] = id, ["messages"] = count }).ConfigureAwait(false);
    }

    private static string Conversation(HttpContext context)
    {
        var id = context.Request.RouteValues["conversation"] as string ?? "";
        return MemoryBook.IsValidId(id) ? id
            : throw MeshAdminEndpoints.Invalid($"\"{id}\" is not a usable conversation id: use letters, digits, '.', '_' or '-' (up to 64)", "conversation");
    }
}
