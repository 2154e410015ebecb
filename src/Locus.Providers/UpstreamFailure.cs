using Locus.Core.Errors;

namespace Locus.Providers;

/// <summary>
/// One failed attempt, inside the retry loop: the error the caller gets if it is the last one, whether another
/// attempt may help, and how long the upstream asked us to wait.
/// </summary>
internal sealed class UpstreamFailure(LocusError error, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null, int? httpStatus = null)
    : Exception(error.Message, inner)
{
    public LocusError Error { get; } = error;

    public bool Retryable { get; } = retryable;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The upstream's HTTP status, when it answered at all (for logs).</summary>
    public int? HttpStatus { get; } = httpStatus;

    public LocusException ToLocusException() => InnerException is null ? new LocusException(Error) : new LocusException(Error, InnerException);
}
