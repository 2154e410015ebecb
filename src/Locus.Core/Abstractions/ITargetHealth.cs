namespace Locus.Core.Abstractions;

/// <summary>
/// Whether a backend can take requests now. Remote backends expose it through
/// <c>IChatClient.GetService(typeof(ITargetHealth))</c>; the router skips targets that are not available.
/// </summary>
public interface ITargetHealth
{
    TargetHealthState Current { get; }
}

/// <param name="Available">False while the backend is known to fail (e.g. its circuit breaker is open).</param>
/// <param name="Reason">Why it is unavailable, for a person (e.g. "circuit open after 5 failures; retry in 12 s").</param>
public readonly record struct TargetHealthState(bool Available, string? Reason)
{
    public static TargetHealthState Healthy => new(true, null);
}
