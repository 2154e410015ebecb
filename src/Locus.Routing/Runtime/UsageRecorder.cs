using Locus.Core.Errors;
using Locus.Ledger;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// Measures one request (tokens, time to first token, latency) and writes its ledger row: cost on the target that
/// served, the same tokens priced on the reference cloud model, and an energy estimate. Also feeds the target's live
/// stats, which the latency signal predicts from.
/// </summary>
internal sealed class UsageRecorder(RouterServices services, RouterSnapshot snapshot, RouteTicket ticket, IReadOnlyList<ChatMessage> messages)
{
    private readonly DateTimeOffset _arrived = services.Time.GetUtcNow();
    private readonly long _started = services.Time.GetTimestamp();
    private TokenTotals _tokens;
    private TimeSpan? _ttft;
    private double _energy;

    public TimeSpan Elapsed => services.Time.GetElapsedTime(_started);

    private TimeProvider Time => services.Time;

    /// <summary>A run on <paramref name="target"/>; <paramref name="sent"/> is what it was sent (memory included), for token estimates.</summary>
    public Attempt BeginAttempt(RouteTarget target, IReadOnlyList<ChatMessage>? sent = null) => new(this, target, sent ?? messages);

    public void Add(TokenTotals tokens, TimeSpan? ttft)
    {
        _tokens += tokens;
        _ttft ??= ttft;
    }

    public Task SucceededAsync(CancellationToken cancellationToken) => WriteAsync("ok", cancellationToken);

    public Task FailedAsync(Exception error)
    {
        var code = error switch
        {
            LocusException le => le.Error.Code ?? le.Error.Kind.ToString(),
            OperationCanceledException => "cancelled",
            _ => "internal",
        };
        // The client may be gone already; the row is still written.
        return WriteAsync("error:" + code, CancellationToken.None);
    }

    public Task RefusedAsync(LocusError error, CancellationToken cancellationToken)
    {
        ticket.Tier = 0;
        ticket.Target = "";
        return WriteAsync("refused:" + (error.Code ?? error.Kind.ToString()), cancellationToken);
    }

    private async Task WriteAsync(string outcome, CancellationToken cancellationToken)
    {
        var target = snapshot.Find(ticket.Target.Split('+')[0]);
        var price = target?.Options.Price;
        var cost = price?.Cost(_tokens.Input, _tokens.Output, _tokens.Cached) ?? 0m;
        services.Spend.Add(ticket.Context.Client, _arrived, cost);
        if (services.Ledger is not { } ledger)
        {
            return;
        }

        var record = new UsageRecord
        {
            Time = _arrived,
            Client = ticket.Context.Client,
            Tier = ticket.Tier,
            Target = ticket.Target,
            Model = target?.Options.Kind == Options.TargetKind.Llama ? Path.GetFileName(target.Options.Model) : target?.Options.Model,
            InputTokens = _tokens.Input,
            OutputTokens = _tokens.Output,
            CachedInputTokens = _tokens.Cached,
            LatencyMs = Elapsed.TotalMilliseconds,
            TimeToFirstTokenMs = _ttft?.TotalMilliseconds,
            CostUsd = cost,
            ReferenceCostUsd = snapshot.Reference?.Options.Price.Cost(_tokens.Input, _tokens.Output, _tokens.Cached) ?? cost,
            EnergyJoules = _energy,
            Reasons = [.. ticket.Reasons.Select(r => r.ToString())],
            Outcome = outcome,
            Degraded = ticket.Degraded,
            Prompt = services.StorePrompts ? string.Join("\n", messages.Select(m => $"{m.Role}: {Policy.RoutingInput.TextOf(m)}")) : null,
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

    /// <summary>One target's run: its first-token time and usage.</summary>
    internal sealed class Attempt(UsageRecorder recorder, RouteTarget target, IReadOnlyList<ChatMessage> sent)
    {
        private readonly long _started = recorder.Time.GetTimestamp();
        private TimeSpan? _ttft;
        private UsageDetails? _usage;
        private long _chars;

        public ChatResponseUpdate Observe(ChatResponseUpdate update)
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent u)
                {
                    _usage = u.Details;
                }
            }

            var text = update.Text;
            if (_ttft is null && (text.Length > 0 || update.Contents.Any(c => c is FunctionCallContent)))
            {
                _ttft = recorder.Time.GetElapsedTime(_started);
            }

            _chars += text.Length;
            return update;
        }

        /// <summary>
        /// Records the run's energy and the target's live stats; its tokens and first-token time go into the row only
        /// with <paramref name="charge"/> (a cascade holds a local answer back and charges it only if it is the one sent).
        /// </summary>
        public TokenTotals Complete(bool charge = true)
        {
            var elapsed = recorder.Time.GetElapsedTime(_started);
            var tokens = TokenTotals.From(_usage, sent, _chars);
            if (charge)
            {
                recorder.Add(tokens, _ttft is { } t ? recorder.Elapsed - elapsed + t : null);
            }

            recorder._energy += Energy.Estimate(target, tokens, elapsed);
            target.Stats.Record(_ttft ?? elapsed, elapsed, tokens.Input, tokens.Output);
            return tokens;
        }
    }
}
