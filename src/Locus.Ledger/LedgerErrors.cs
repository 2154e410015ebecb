using Locus.Core.Errors;

namespace Locus.Ledger;

/// <summary>The ledger's expected failures, each with what to do about it.</summary>
internal static class LedgerErrors
{
    public const string WriteFailedCode = "ledger_write_failed";
    public const string UnavailableCode = "ledger_unavailable";

    public static LocusException WriteFailed(string path, Exception cause) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"The usage ledger could not record this request ({cause.Message}). Check that the disk holding '{path}' has free space and that the file is writable.",
            Code: WriteFailedCode),
        cause);

    public static LocusException CannotOpen(string path, Exception cause) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"Cannot open the usage ledger '{path}' ({cause.Message}). Check the path and its permissions, or move a file that is not a Locus ledger out of the way.",
            Code: UnavailableCode),
        cause);

    public static LocusException NotFound(string path) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"There is no usage ledger at '{path}' yet. It is created when `locus serve` handles its first request; check the ledger path in the configuration.",
            Code: UnavailableCode));

    public static LocusException NewerSchema(string path, int version, int supported) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"The usage ledger '{path}' has schema version {version}, but this Locus understands up to {supported}. Upgrade Locus, or point it at another ledger file.",
            Code: UnavailableCode));

    public static LocusException OlderSchema(string path, int version, int supported) => new(
        new LocusError(
            LocusErrorKind.Unavailable,
            $"The usage ledger '{path}' has schema version {version} and needs upgrading to {supported}, which a read-only open cannot do. Start `locus serve` once to upgrade it.",
            Code: UnavailableCode));
}
