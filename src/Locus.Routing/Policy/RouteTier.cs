namespace Locus.Routing.Policy;

/// <summary>
/// Where a request is answered, from the cheapest to the most capable. The numbers are part of the API: they are the
/// <c>x-locus-tier</c> header, the ledger's <c>tier</c> column and the JSON of <c>locus route --explain</c>.
/// </summary>
public enum RouteTier
{
    /// <summary>Not answered: refused, or failed before any target answered.</summary>
    None = 0,

    /// <summary>The local fast path: one on-device model.</summary>
    Local = 1,

    /// <summary>A local ensemble whose answers must agree (or a peer standing in for one).</summary>
    Ensemble = 2,

    /// <summary>The cloud (or a peer standing in for it).</summary>
    Cloud = 3,
}

/// <summary>How tiers are written wherever a number is expected (headers, reasons, JSON, the ledger).</summary>
public static class RouteTiers
{
    public static int Number(this RouteTier tier) => (int)tier;

    /// <summary>"1", "2", "3" or "0": reasons and headers name tiers by number.</summary>
    public static string Text(this RouteTier tier) => tier switch
    {
        RouteTier.Local => "1",
        RouteTier.Ensemble => "2",
        RouteTier.Cloud => "3",
        _ => "0",
    };
}
