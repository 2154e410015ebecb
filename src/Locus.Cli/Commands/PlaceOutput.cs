using System.Globalization;
using Locus.Hardware.Placement;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus place` for a person: the answer, each step's reason, the local plan, and the money.</summary>
internal static class PlaceOutput
{
    public static void Print(PlacementAdvice advice, CostInputs costs)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(costs);
        var (plan, e) = (advice.Plan, advice.Economics);
        AnsiConsole.MarkupLineInterpolated($"[bold]{advice.Site.ToString().ToLowerInvariant()}[/]{(advice.Feasible ? "" : " [red](but the plan says this device cannot carry it)[/]")}");
        var i = 1;
        foreach (var step in advice.Steps)
        {
            AnsiConsole.MarkupLineInterpolated($"  {i++}. {step.Question} [bold]{step.Answer}[/]{(step.PointsTo is { } s ? $" → {s.ToString().ToLowerInvariant()}" : "")}: {step.Reason}");
        }

        if (advice.Lost is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]lost: {advice.Lost}[/]");
        }

        var fits = plan.Memory.Fits ? "fits" : plan.Memory.FitsWithHostMemory ? "fits with host memory" : "does not fit";
        AnsiConsole.MarkupLineInterpolated($"  local option: {plan.Request.Model.Name} on {plan.Request.Device.Name}: {fits}; generation {plan.DecodeTokensPerSecond:0.0} tokens/s, prompt {plan.PrefillTokensPerSecond:0} tokens/s");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  per month: cloud ${e.CloudMonthlyUsd:0.00}, local ${e.LocalMonthlyUsd:0.00} (hardware ${e.HardwareMonthlyUsd:0.00} + electricity ${e.ElectricityMonthlyUsd:0.00}); {e.JoulesPerOutputToken:0.###} J per generated token");
        var breakEven = e.BreakEvenMonthlyTokens is { } b ? $"{b:#,0} tokens/month" : "never (electricity per token exceeds the cloud price)";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  break-even: {breakEven}; local capacity {e.LocalCapacityMonthlyTokens:#,0} tokens/month at duty {costs.Duty.Value:0.##}");
        foreach (var (name, value) in costs.Values().Where(v => v.Value.IsAssumption))
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  [grey]{name} = {value.Value:0.###} ({value.Note})[/]");
        }
    }
}
