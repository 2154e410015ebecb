using System.Net;
using Locus.Mesh.Configuration;
using Locus.Mesh.Node;
using Locus.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Locus.Server.Mesh;

/// <summary>
/// The mesh's own Kestrel listener: HTTP/2 with prior knowledge (peers' HttpClient asks for exactly that), separate
/// from the API so the API can stay on loopback while peers on the LAN reach the mesh. Only <c>/mesh/v1/*</c> is
/// served there, and only there; those requests carry sealed envelopes or pairing messages instead of API keys.
/// </summary>
internal sealed class MeshListener(MeshSettings settings)
{
    public const string MeshRequestItem = "locus.mesh-request";

    private ListenOptions? _listen;

    public void Bind(KestrelServerOptions kestrel)
    {
        var ip = ListenAddress.ParseHost(settings.ListenHost, "mesh.listen");
        kestrel.Listen(new IPEndPoint(ip, settings.ListenPort), listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _listen = listen;
        });
    }

    /// <summary>The bound port (known once the server has started; Kestrel writes back the port it got for 0).</summary>
    public int Port => _listen?.IPEndPoint?.Port ?? -1;

    /// <summary>The URL peers are told: <c>mesh.advertise</c>, else the bound address (the host name when bound to all).</summary>
    public Uri AdvertisedUrl()
    {
        if (settings.Advertise is { } url)
        {
            return url;
        }

        var address = _listen!.IPEndPoint!.Address;
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new Uri($"http://{host}:{Port}/");
    }

    /// <summary>Keeps the two listeners apart: mesh paths only on the mesh port, nothing else there.</summary>
    public Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var onMesh = context.Connection.LocalPort == Port;
        var meshPath = context.Request.Path.StartsWithSegments("/mesh", StringComparison.Ordinal);
        if (onMesh != meshPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/json";
            return context.Response.Body.WriteAsync(MeshErrorBody.Write("not_found",
                onMesh ? "The mesh port serves only the peer protocol (/mesh/v1/...); the API is on the server port."
                       : "The peer protocol is served on the mesh port (mesh.listen), not here.")).AsTask();
        }

        if (onMesh)
        {
            context.Items[MeshRequestItem] = true;
        }

        return next(context);
    }
}
