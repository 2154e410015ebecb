using System.Globalization;
using Locus.Ledger;
using Locus.Routing.Options;
using Locus.Routing.Signals;

namespace Locus.Routing.Policy;

/// <summary>
/// The cost signal's budget half: a client that has spent its daily or monthly budget (UTC days and months) may not
/// use paid targets; its policy says whether it is served locally instead or refused.
/// </summary>
internal static class BudgetSignal
{
    public static void Assess(DecisionState state, ISpendSource spend, DateTimeOffset now)
    {
        var client = state.Client;
        if (client.DailyBudgetUsd is null && client.MonthlyBudgetUsd is null)
        {
            return;
        }

        var day = UsagePeriod.DayStart(now);
        var month = UsagePeriod.MonthStart(now);
        string? over = null;
        if (client.DailyBudgetUsd is { } daily && spend.SpentSince(client.Name, day) is var spentToday && spentToday >= daily)
        {
            over = Describe(spentToday, daily, "daily");
        }
        else if (client.MonthlyBudgetUsd is { } monthly && spend.SpentSince(client.Name, month) is var spentMonth && spentMonth >= monthly)
        {
            over = Describe(spentMonth, monthly, "monthly");
        }

        if (over is null)
        {
            return;
        }

        var refuse = (client.OverBudget ?? state.Snapshot.Routing.OverBudget) == OverBudgetAction.Refuse;
        var error = RouteErrors.Denied(
            $"Client '{client.Name}' {over}, so paid targets are refused until the budget resets (UTC).", "budget_exceeded");
        state.BudgetRefusal = refuse ? error : null;
        RoutingPolicy.Forbid(state, "budget", $"client '{client.Name}' {over}; " + (refuse ? "paid targets refused" : "served locally"), error);
    }

    private static string Describe(decimal spent, decimal budget, string period) =>
        string.Create(CultureInfo.InvariantCulture, $"has spent ${spent:0.######} of its ${budget:0.######} {period} budget");
}
