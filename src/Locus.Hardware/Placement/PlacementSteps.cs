using System.Globalization;
using Locus.Hardware.Planning;

namespace Locus.Hardware.Placement;

/// <summary>The reasons for each step of <see cref="PlacementAdvisor"/>, one method per question.</summary>
internal static class PlacementSteps
{
    /// <summary>
    /// Assumed network round trip to a hosted API, ms: 20–100 on a wired or good wireless link, more on mobile
    /// networks. The provider's queueing and time to first token come on top (a few hundred ms for frontier models).
    /// </summary>
    private const string CloudLatencyAssumption = "a cloud call costs more than that before its first token: the network round trip alone is 20–100 ms (assumed; more on mobile networks), and the provider's queueing and time to first token add a few hundred ms for frontier models";

    public static PlacementStep Privacy(bool isPrivate, Site owned) => isPrivate
        ? new("private", "Must the data stay on the device?", "yes",
            "the prompts may not leave hardware you control: this device or your own edge server, never a hosted API", owned)
        : new("private", "Must the data stay on the device?", "no", "the data may be sent to a hosted API", null);

    public static PlacementStep Latency(double? budgetMs, Plan plan, Site owned)
    {
        const string Question = "Is the latency budget under 100 ms?";
        if (budgetMs is not { } budget)
        {
            return new("latency", Question, "no budget given", "no latency constraint", null);
        }

        var ttftMs = plan.TimeToFirstTokenSeconds * 1000;
        var local = double.IsFinite(ttftMs)
            ? string.Create(CultureInfo.InvariantCulture, $"the local plan's first token comes after {ttftMs:0} ms for a {plan.Request.PromptTokens}-token prompt{(ttftMs > budget ? " — over the budget even locally: a smaller model, a shorter prompt or a faster device" : ", within the budget")}")
            : "the model does not fit locally";
        return budget < PlacementAdvisor.CloudLatencyFloorMs
            ? new("latency", Question, $"yes ({PlacementAdvisor.Number(budget)} ms)", $"{CloudLatencyAssumption}; {local}", owned)
            : new("latency", Question, $"no ({PlacementAdvisor.Number(budget)} ms)", $"the budget leaves room for a cloud round trip; {local}", null);
    }

    public static PlacementStep Frontier(bool frontier, bool ownedOnly) => !frontier
        ? new("frontier", "Is frontier capability needed?", "no", "an open model of the planned size is enough for the task", null)
        : ownedOnly
            ? new("frontier", "Is frontier capability needed?", "yes, but the cloud is ruled out",
                "frontier models are only hosted; the constraints above forbid sending the data there, so frontier capability is given up", null)
            : new("frontier", "Is frontier capability needed?", "yes", "frontier models are only available as hosted APIs", Site.Cloud);

    public static PlacementStep Volume(CostInputs costs, Economics e, Plan plan)
    {
        const string Question = "What does the call volume cost each way?";
        var answer = $"{PlacementAdvisor.Number(costs.MonthlyTokens.Value)} tokens/month";
        if (!plan.Memory.FitsWithHostMemory)
        {
            return new("volume", Question, answer, "the model does not fit on the device, so it has no local cost to compare", Site.Cloud);
        }

        var money = string.Create(CultureInfo.InvariantCulture,
            $"cloud ${e.CloudMonthlyUsd:0.00}/month vs local ${e.LocalMonthlyUsd:0.00}/month (hardware ${e.HardwareMonthlyUsd:0.00} + electricity ${e.ElectricityMonthlyUsd:0.00})");
        var breakEven = e.BreakEvenMonthlyTokens is { } b ? $"break-even at {PlacementAdvisor.Number(Math.Round(b))} tokens/month" : "local never pays off: its electricity per token costs more than the cloud's price";
        if (!e.LocalCapacityEnough)
        {
            return new("volume", Question, answer,
                $"{money}; but the device can serve only {PlacementAdvisor.Number(Math.Round(e.LocalCapacityMonthlyTokens))} tokens/month at a duty cycle of {PlacementAdvisor.Number(costs.Duty.Value)}: a bigger machine (edge) or the cloud", Site.Cloud);
        }

        return e.LocalCheaper
            ? new("volume", Question, answer, $"{money}: local is cheaper; {breakEven}", Site.Local)
            : new("volume", Question, answer, $"{money}: the cloud is cheaper at this volume; {breakEven}", Site.Cloud);
    }

    public static PlacementStep Offline(bool offline) => offline
        ? new("offline", "Must it work offline?", "yes", "without a network only this device can answer", Site.Local)
        : new("offline", "Must it work offline?", "no", "a network is available", null);
}
