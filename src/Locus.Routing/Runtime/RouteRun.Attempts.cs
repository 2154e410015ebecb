using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// The attempts' side of a run: what each attempt carries to its target's pipeline, what it is charged in the ledger
/// row, and the notes and redactions its steps report back, published as a new <see cref="RouteResult"/> each time.
/// </summary>
internal sealed partial class RouteRun
{
    /// <summary>A new attempt on <paramref name="target"/>, carrying what its pipeline needs of this request.</summary>
    public TargetCall CallFor(RouteTarget target, string? label = null, CascadeOptions? cascade = null) => new()
    {
        Target = target,
        Label = label ?? target.Name,
        Memory = _input.Memory,
        Redact = Decision.Redact,
        PeerPrivacy = Decision.PeerPrivacy,
        Cascade = cascade,
        Observer = this,
    };

    public IChatClient Pipeline(RouteTarget target) => _state.Pipelines.For(target);

    /// <summary>Charges a completed attempt to the row: its tokens, its energy, and its first token as the request's.</summary>
    public void Charge(TargetCall call)
    {
        if (call.Usage is not { } usage)
        {
            return;
        }

        // The attempt's first token, counted from the request's arrival rather than the attempt's start.
        var firstToken = usage.TimeToFirstToken is { } t ? _ledger.Elapsed - usage.Elapsed + t : (TimeSpan?)null;
        _ledger.Charge(usage.Tokens, firstToken);
        _ledger.AddEnergy(usage.EnergyJoules);
    }

    public void Charge(TokenTotals tokens, TimeSpan firstToken) => _ledger.Charge(tokens, firstToken);

    public void AddEnergy(TargetCall call) => _ledger.AddEnergy(call.Usage?.EnergyJoules ?? 0);

    /// <summary>
    /// Charges a held-back local answer. Its first token reaches the client only now, after the whole local
    /// generation, so that is the time to first token recorded.
    /// </summary>
    public void ChargeHeld(TokenTotals tokens) => _ledger.Charge(tokens, _ledger.Elapsed);

    public void Note(string signal, string detail)
    {
        var reason = new RouteReason(signal, detail);
        lock (_gate)
        {
            // An ensemble's members each report the same memory note; the route shows it once.
            if (!_result!.Events.Contains(reason))
            {
                Publish(_result with { Events = [.. _result.Events, reason] });
            }
        }
    }

    public void Redacted(int values)
    {
        lock (_gate)
        {
            if (_result!.Redactions != values)
            {
                Publish(_result with { Redactions = values });
            }
        }
    }

    public void Clamped(MaxTokensClamp clamp)
    {
        lock (_gate)
        {
            if (_result!.MaxTokensClamp != clamp)
            {
                Publish(_result with { MaxTokensClamp = clamp });
            }
        }
    }

    /// <summary>
    /// The route as it stands now, for the server to read at any moment. Changes come from the run's own flow (and
    /// the steps it awaits) one at a time; the gate keeps an ensemble's members, reporting from their own
    /// continuations, from losing each other's notes.
    /// </summary>
    private void Publish(RouteResult result)
    {
        lock (_gate)
        {
            _result = result;
            _call.Publish(result);
        }
    }
}
