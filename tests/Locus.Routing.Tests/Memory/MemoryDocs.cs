using Locus.Core.Abstractions;

namespace Locus.Routing.Tests.Memory;

/// <summary>Memory documents with distinctive markers, so a test can see exactly which ones a target received.</summary>
internal static class MemoryDocs
{
    public const string PrivateMarker = "ZEPHYR-PRIVATE-4471";

    public const string CloudMarker = "ORCHID-SHAREABLE-9032";

    public const string ProfileMarker = "BASALT-PROFILE-2218";

    public static MemoryDocument Secret { get; } =
        new("doc-secret", "secret-project", $"Project codename {PrivateMarker}: launch plan, never shared.", MemoryScope.Devices);

    public static MemoryDocument Notes { get; } =
        new("doc-notes", "notes", $"Prefers metric units. Shareable marker {CloudMarker}.", MemoryScope.Cloud);

    public static MemoryDocument Profile { get; } =
        new("doc-profile", "profile", $"Lives in Lisbon. Marker {ProfileMarker}.", MemoryScope.Cloud);

    /// <summary>A document of roughly <paramref name="tokens"/> estimated tokens.</summary>
    public static MemoryDocument Sized(string name, int tokens, MemoryScope scope = MemoryScope.Cloud) =>
        new("id-" + name, name, string.Concat(Enumerable.Repeat("abcdefg ", tokens / 2)), scope);

    public static FixedMemory Source(params MemoryDocument[] documents) => new(documents);
}
