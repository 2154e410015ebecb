using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Mesh.Node;
using Locus.Server.Endpoints;
using Locus.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Mesh;

/// <summary>
/// <c>/v1/mesh/*</c> on the API port (behind API keys): what <c>locus mesh status|peers|pair|sync</c> call.
/// </summary>
internal sealed class MeshAdminEndpoints(MeshNode? mesh, ServerState state)
{
    public Task StatusAsync(HttpContext context)
    {
        var node = Require();
        var documents = node.State.Read(s => s.Documents.Count());
        var encoded = node.State.Encode();
        return WriteAsync(context, new JsonObject
        {
            ["node_id"] = node.Id,
            ["name"] = node.Name,
            ["mesh_url"] = node.AdvertisedUrl?.ToString(),
            ["replica"] = node.State.Replica.ToString(),
            ["documents"] = documents,
            ["state_bytes"] = encoded.Length,
            // Equal digests mean equal states: how to check by eye (or in a test) that devices have converged.
            ["state_digest"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded))[..16],
            ["peers"] = PeersJson(node),
            ["directory"] = DirectoryJson(node),
        });
    }

    /// <summary>Every node's self-report as replicated here: what delegation decisions read.</summary>
    private static JsonArray DirectoryJson(MeshNode node) => [.. node.State.Read(s => s.Directory.ToList()).Select(e => (JsonNode)new JsonObject
    {
        ["node_id"] = e.Key,
        ["models"] = new JsonArray([.. e.Value.Models.Select(m => (JsonNode)m)]),
        ["hardware"] = e.Value.HardwareProfileId,
        ["load"] = e.Value.Load,
        ["thermal_headroom"] = e.Value.ThermalHeadroom,
        ["seen_at"] = DateTimeOffset.FromUnixTimeMilliseconds(e.Value.LastSeenMs).ToString("O"),
    })];

    public Task PeersAsync(HttpContext context) => WriteAsync(context, new JsonObject { ["peers"] = PeersJson(Require()) });

    public Task OfferAsync(HttpContext context)
    {
        var node = Require();
        var (code, expires) = node.OfferPairing();
        return WriteAsync(context, new JsonObject
        {
            ["code"] = code,
            ["expires_at"] = expires.ToString("O"),
            ["node_id"] = node.Id,
            ["name"] = node.Name,
            ["mesh_url"] = node.AdvertisedUrl?.ToString(),
        });
    }

    public async Task JoinAsync(HttpContext context)
    {
        var node = Require();
        using var body = await RequestBody.ReadAsync(context, state.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var url = Text(body.RootElement, "url");
        var code = Text(body.RootElement, "code");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var peer) || peer.Scheme != "http")
        {
            throw Invalid($"url must be the other node's mesh address, e.g. http://192.168.1.10:11481 (got \"{url}\")", "url");
        }

        try
        {
            var status = await node.JoinAsync(peer, code, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, new JsonObject { ["paired"] = PeerJson(status) }).ConfigureAwait(false);
        }
        catch (MeshException ex)
        {
            throw new ApiException(new ApiError(ex.Code == "peer_unreachable" ? 502 : 403,
                ex.Code == "peer_unreachable" ? "server_error" : "permission_error", ex.Message, null, ex.Code));
        }
    }

    public Task RevokeAsync(HttpContext context)
    {
        var node = Require();
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!node.Revoke(id))
        {
            throw new ApiException(new ApiError(404, ApiError.InvalidRequest, $"No paired peer '{id}'. `locus mesh peers` lists them.", "id", "peer_not_found"));
        }

        return WriteAsync(context, new JsonObject { ["revoked"] = id });
    }

    public async Task SyncAsync(HttpContext context)
    {
        var outcomes = await Require().SyncAllAsync(context.RequestAborted).ConfigureAwait(false);
        var list = new JsonArray();
        foreach (var o in outcomes)
        {
            list.Add(new JsonObject { ["peer"] = o.Peer, ["ok"] = o.Succeeded, ["error"] = o.Error, ["sent_bytes"] = o.SentBytes, ["received_bytes"] = o.ReceivedBytes });
        }

        await WriteAsync(context, new JsonObject { ["synced"] = list }).ConfigureAwait(false);
    }

    internal static Task WriteAsync(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    internal static ApiException Invalid(string message, string param) =>
        new(new ApiError(400, ApiError.InvalidRequest, message, param, "invalid_value"));

    internal static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid($"'{name}' (a string) is required", name);

    private MeshNode Require() => mesh ?? throw NotEnabled();

    internal static ApiException NotEnabled() => new(new ApiError(404, ApiError.InvalidRequest,
        "This node is not part of a mesh: add a `mesh:` section to the config (see docs/mesh.md) and restart.", null, "mesh_not_enabled"));

    private static JsonArray PeersJson(MeshNode node)
    {
        var known = node.Peers();
        var heard = node.Discovered().ToDictionary(d => d.Id);
        return [.. known.Select(p => heard.ContainsKey(p.Id) ? p with { Discovered = true } : p)
            .Concat(heard.Values.Where(d => known.All(p => p.Id != d.Id)))
            .Select(p => (JsonNode)PeerJson(p))];
    }

    private static JsonObject PeerJson(MeshPeerStatus p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["url"] = p.Url,
        ["paired"] = p.Paired,
        ["revoked"] = p.Revoked,
        ["discovered"] = p.Discovered,
        ["last_sync"] = p.LastSync?.ToString("O"),
        ["last_attempt"] = p.LastAttempt?.ToString("O"),
        ["last_error"] = p.LastError,
    };
}
