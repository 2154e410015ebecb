using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Mesh.Node;

/// <summary><c>GET /mesh/v1/hello</c>: who answers at this address (public; proves nothing until a sealed message does).</summary>
public sealed record MeshHello([property: JsonPropertyName("node_id")] string NodeId, [property: JsonPropertyName("name")] string Name)
{
    public byte[] Write() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static MeshHello? Read(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<MeshHello>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
