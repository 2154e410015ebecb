namespace Locus.Server.Endpoints;

/// <summary>The body of <c>GET /health</c>: Locus's own, not an OpenAI object.</summary>
internal sealed record HealthStatus(string Status, IReadOnlyList<string> Models);
