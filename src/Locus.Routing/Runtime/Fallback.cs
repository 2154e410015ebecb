using Locus.Core.Errors;

namespace Locus.Routing.Runtime;

/// <summary>Which failures another target may answer instead: the target's trouble, not the request's.</summary>
internal static class Fallback
{
    public static bool Allows(Exception error, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return error switch
        {
            LocusException
            {
                Error.Kind: LocusErrorKind.Unavailable or LocusErrorKind.UpstreamFailed or LocusErrorKind.UpstreamTimeout
                or LocusErrorKind.Overloaded or LocusErrorKind.ContextOverflow
            } => true,
            HttpRequestException or TimeoutException or OperationCanceledException or IOException => true,
            _ => false,
        };
    }

    /// <summary>A failure in a few words for the reasons and the log: the error code, or the exception's type.</summary>
    public static string Why(Exception error) => error is LocusException le ? le.Error.Code ?? le.Error.Kind.ToString() : error.GetType().Name;
}
