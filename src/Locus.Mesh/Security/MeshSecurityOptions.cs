namespace Locus.Mesh.Security;

/// <summary>Pairing and envelope limits. The defaults are the intended production values; tests shorten some.</summary>
public sealed record MeshSecurityOptions
{
    /// <summary>How long a shown pairing code stays usable.</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pairing attempts (hellos answered) one code allows before it is burned.</summary>
    public int MaxPairingAttempts { get; init; } = 3;

    /// <summary>
    /// PBKDF2-SHA256 iterations that stretch the code: an active attacker who answers as the joining node can test
    /// code guesses offline against the shower's confirmation, and must finish before <see cref="ConfirmTimeout"/>.
    /// </summary>
    public int CodeKdfIterations { get; init; } = 200_000;

    /// <summary>Time the showing node waits for the joiner's confirmation after answering its hello.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a message's timestamp may be from this node's clock, either way.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Accepted sequence numbers remembered per sender; older ones (reordered past this) are refused.</summary>
    public int ReplayWindow { get; init; } = 256;
}
