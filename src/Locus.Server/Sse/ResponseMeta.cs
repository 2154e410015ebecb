namespace Locus.Server.Sse;

/// <summary>The id, timestamp and model that every object (or chunk) of one response repeats.</summary>
internal readonly record struct ResponseMeta(string Id, long Created, string Model);
