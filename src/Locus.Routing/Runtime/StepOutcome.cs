using Locus.Routing.Pipeline;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>How one step of a route (a target, an ensemble, a cascade's local half) ended.</summary>
internal abstract record StepOutcome
{
    /// <summary>A complete answer, read whole before anything is sent.</summary>
    public sealed record Answered(IReadOnlyList<ChatResponseUpdate> Updates) : StepOutcome;

    /// <summary>
    /// An answer streaming to the client, committed from its first update: a later failure can only end the stream.
    /// </summary>
    public sealed record Streaming(IAsyncEnumerable<ChatResponseUpdate> Updates) : StepOutcome;

    /// <summary>The step answered but handed the request on (the ensemble disagreed; the local answer was not confident).</summary>
    /// <param name="Held">An answer kept back in case every later step fails.</param>
    public sealed record Escalated(string Signal, string Detail, HeldAnswer? Held = null) : StepOutcome;

    /// <summary>The step failed before anything reached the client.</summary>
    public sealed record Failed(Exception Error) : StepOutcome;
}

/// <summary>A local answer the cascade held back when it escalated: sent after all if the cloud fails before answering.</summary>
internal sealed record HeldAnswer(string Target, IReadOnlyList<ChatResponseUpdate> Updates, TokenTotals Tokens);

/// <summary>Runs one step of a route.</summary>
internal interface IStepStrategy
{
    /// <param name="streaming">The client streams: a single target's answer is passed on as it comes.</param>
    Task<StepOutcome> RunAsync(RouteRun run, bool streaming, CancellationToken cancellationToken);
}
