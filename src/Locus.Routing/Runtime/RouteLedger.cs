using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Routing.Options;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// One request's ledger row: the tokens charged to it (the answer sent, not a cascade's discarded local answer),
/// time to first token, latency and energy, priced on the target that answered and on the reference cloud model,
/// with the route's tier, target and reasons. Written once, before the answer completes, so an acknowledged request
/// always has its row; a row that cannot be written fails the request.
/// </summary>
internal sealed class RouteLedger(RouterServices services, RouterSnapshot snapshot, RequestContext context, IReadOnlyList<ChatMessage> messages)
{
    private readonly DateTimeOffset _arrived = services.Time.GetUtcNow();
    private readonly long _started = services.Time.GetTimestamp();
    private TokenTotals _tokens;
    private TimeSpan? _firstToken;
    private double _energy;

    /// <summary>Time since the request arrived.</summary>
    public TimeSpan Elapsed => services.Time.GetElapsedTime(_started);

    /// <summary>Charges tokens to the row; the first charge with a first-token time sets the row's.</summary>
    public void Charge(TokenTotals tokens, TimeSpan? firstToken)
    {
        _tokens += tokens;
        _firstToken ??= firstToken;
    }

    /// <summary>Energy the device (or the remote target) spent, whether or not the answer is the one sent.</summary>
    public void AddEnergy(double joules) => _energy += joules;

    public Task SucceededAsync(RouteResult? route, CancellationToken cancellationToken) => WriteAsync(route, "ok", cancellationToken);

    public Task FailedAsync(RouteResult? route, Exception error)
    {
        var code = error switch
        {
            LocusException le => le.Error.Code ?? le.Error.Kind.ToString(),
            OperationCanceledException => "cancelled",
            _ => "internal",
        };
        // The client may be gone already; the row is still written.
        return WriteAsync(route, "error:" + code, CancellationToken.None);
    }

    /// <summary>A refusal answers nothing: the row names no tier or target.</summary>
    public Task RefusedAsync(RouteResult? route, LocusError error, CancellationToken cancellationToken) =>
        WriteAsync(route is null ? null : route with { Tier = RouteTier.None, Target = "" }, "refused:" + (error.Code ?? error.Kind.ToString()), cancellationToken);

    private async Task WriteAsync(RouteResult? route, string outcome, CancellationToken cancellationToken)
    {
        var targetName = route?.Target ?? "";
        var target = snapshot.Find(targetName.Split('+')[0]);
        var price = target?.Options.Price;
        var cost = price?.Cost(_tokens.Input, _tokens.Output, _tokens.Cached) ?? 0m;
        services.Spend.Add(context.Client, _arrived, cost);
        if (services.Ledger is not { } ledger)
        {
            return;
        }

        var record = new UsageRecord
        {
            Time = _arrived,
            Client = context.Client,
            Tier = (int)(route?.Tier ?? RouteTier.None),
            Target = targetName,
            Model = target?.Options.Kind == TargetKind.Llama ? Path.GetFileName(target.Options.Model) : target?.Options.Model,
            InputTokens = _tokens.Input,
            OutputTokens = _tokens.Output,
            CachedInputTokens = _tokens.Cached,
            LatencyMs = Elapsed.TotalMilliseconds,
            TimeToFirstTokenMs = _firstToken?.TotalMilliseconds,
            CostUsd = cost,
            ReferenceCostUsd = snapshot.Reference?.Options.Price.Cost(_tokens.Input, _tokens.Output, _tokens.Cached) ?? cost,
            EnergyJoules = _energy,
            Reasons = [.. (route?.Reasons ?? []).Select(r => r.ToString())],
            Outcome = outcome,
            Degraded = route?.Degraded ?? false,
            MaxTokensAsked = route?.MaxTokensClamp?.Asked,
            MaxTokensGranted = route?.MaxTokensClamp?.Granted,
            Prompt = services.StorePrompts ? string.Join("\n", messages.Select(m => $"{m.Role}: {RoutingInput.TextOf(m)}")) : null,
        };
        try
        {
            await ledger.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An answer whose usage cannot be recorded is not acknowledged: the client gets an error instead.
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                "The usage ledger could not record this request, so it was not completed. The server log has the cause.", null, "ledger_unavailable"), ex);
        }
    }
}
