using System.Text.Json;
using System.Text.Json.Serialization;
using Locus.Wire;

namespace Locus.Server.Endpoints;

/// <summary>Source-generated serializers for the server's own bodies; the API objects are Locus.Wire's.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>Snake_case names and raw UTF-8, as the API objects are written.</summary>
    public static ServerJsonContext Wire { get; } = new(WireJson.SerializerOptions());
}
