namespace Locus.Core.Errors;

/// <summary>
/// An expected failure, as a value: what went wrong, which request field caused it (if any), and a stable machine code.
/// The server maps it to an OpenAI-style error body; the CLI prints <see cref="Message"/>.
/// </summary>
/// <param name="Kind">The class of failure, which decides the HTTP status.</param>
/// <param name="Message">A sentence for a person: what is wrong and what to do.</param>
/// <param name="Param">The offending request field in OpenAI's dotted form (e.g. <c>messages[0].content</c>), if any.</param>
/// <param name="Code">A stable machine-readable code (e.g. <c>model_not_found</c>), if any.</param>
/// <param name="RetryAfter">For <see cref="LocusErrorKind.Overloaded"/>: when a retry is likely to succeed.</param>
public sealed record LocusError(
    LocusErrorKind Kind,
    string Message,
    string? Param = null,
    string? Code = null,
    TimeSpan? RetryAfter = null)
{
    public static LocusError Invalid(string message, string? param = null, string? code = null) =>
        new(LocusErrorKind.InvalidRequest, message, param, code);
}
