using Locus.Mesh.Node;
using Locus.Mesh.Security;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Mesh;

/// <summary>
/// The peer protocol on the mesh listener: who am I (public), the two pairing steps, and sync rounds. Refusals answer
/// 403 with the reason in the API's error format; the node's guard has already logged them with their event ids.
/// </summary>
internal sealed class MeshPeerEndpoints(MeshNode mesh)
{
    // A sync carries deltas of memory documents and history; generous, but bounded.
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public Task HelloAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(mesh.Hello().Write(), context.RequestAborted).AsTask();
    }

    public async Task PairHelloAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var url = context.Request.Headers[MeshProtocol.UrlHeader].ToString();
        var name = Uri.UnescapeDataString(context.Request.Headers[MeshProtocol.NameHeader].ToString());
        var (refusal, reply, session) = mesh.AnswerPairing(body, url.Length > 0 ? url : null, name.Length > 0 ? name : null);
        if (refusal != PairingRefusal.None)
        {
            await RefuseAsync(context, refusal.ToString(), MeshNode.Explain(refusal)).ConfigureAwait(false);
            return;
        }

        context.Response.Headers[MeshProtocol.SessionHeader] = session;
        context.Response.Headers[MeshProtocol.NameHeader] = Uri.EscapeDataString(mesh.Name);
        await WriteBytesAsync(context, reply!).ConfigureAwait(false);
    }

    public async Task PairConfirmAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var refusal = mesh.ConfirmPairing(context.Request.Headers[MeshProtocol.SessionHeader].ToString(), body);
        if (refusal != PairingRefusal.None)
        {
            await RefuseAsync(context, refusal.ToString(), MeshNode.Explain(refusal)).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    public async Task SyncAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var served = mesh.ServeSync(body);
        if (served.Reply is null)
        {
            await RefuseAsync(context, served.Refusal!, $"sync refused: {served.Refusal}").ConfigureAwait(false);
        }
        else
        {
            await WriteBytesAsync(context, served.Reply).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, "too_large", $"mesh messages are limited to {MaxBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length <= MaxBodyBytes)
        {
            return buffer.ToArray();
        }

        await RefuseAsync(context, "too_large", $"mesh messages are limited to {MaxBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge).ConfigureAwait(false);
        return null;
    }

    private static Task WriteBytesAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = MeshProtocol.ContentType;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static Task RefuseAsync(HttpContext context, string code, string message, int status = StatusCodes.Status403Forbidden)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(MeshErrorBody.Write(code, message), context.RequestAborted).AsTask();
    }
}
