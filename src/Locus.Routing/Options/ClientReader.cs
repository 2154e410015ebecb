using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Reads the <c>clients:</c> list; each client's API keys come from the environment variable it names.</summary>
internal static class ClientReader
{
    public static List<ClientPolicy> ReadAll(ConfigDocument document) =>
    [
        .. (document.Root.MapList("clients", "expected a list of clients (each with name and api_key_env)") ?? [])
            .Select(map => Read(map, document))
            .OfType<ClientPolicy>(),
    ];

    private static ClientPolicy? Read(ConfigMap map, ConfigDocument document)
    {
        var name = map.RequiredText("name");
        var keyEnv = map.Text("api_key_env");
        IReadOnlyList<string> keys = [];
        if (keyEnv is not null)
        {
            var value = document.Variable(keyEnv);
            if (string.IsNullOrWhiteSpace(value))
            {
                map.Fail("api_key_env", $"environment variable {keyEnv} is not set (it should hold this client's API key)");
            }
            else
            {
                keys = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            }
        }

        var client = new ClientPolicy
        {
            Name = name ?? "",
            ApiKeyEnv = keyEnv,
            ApiKeys = keys,
            DailyBudgetUsd = map.Money("daily_budget_usd"),
            MonthlyBudgetUsd = map.Money("monthly_budget_usd"),
            OverBudget = map.Enum<OverBudgetAction>("over_budget"),
            Privacy = map.Enum<PrivacyAction>("privacy"),
            LatencyBudget = map.Millis("latency_budget_ms"),
            AllowCloud = map.Bool("allow_cloud") ?? true,
            Memory = MemoryReader.Mode(map, "memory"),
        };
        map.RejectUnknown();
        return name is null ? null : client;
    }
}
