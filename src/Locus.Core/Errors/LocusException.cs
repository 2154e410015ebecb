namespace Locus.Core.Errors;

/// <summary>
/// Carries a <see cref="LocusError"/> across an API whose signature cannot return one (e.g. <c>IChatClient</c>).
/// Only expected failures travel this way; anything else is a bug and surfaces as-is.
/// </summary>
public sealed class LocusException : Exception
{
    public LocusException(LocusError error)
        : base(error?.Message, null) => Error = error ?? throw new ArgumentNullException(nameof(error));

    public LocusException(LocusError error, Exception inner)
        : base(error?.Message, inner) => Error = error ?? throw new ArgumentNullException(nameof(error));

    public LocusError Error { get; }
}
