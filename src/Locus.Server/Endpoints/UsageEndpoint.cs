using System.Text.Json;
using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Node.Usage;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// <c>GET /v1/usage?period=today|month|all|YYYY-MM-DD&amp;client=NAME</c>: spend, tier mix and savings from the ledger.
/// An authenticated client sees only its own usage unless it uses a server-wide key.
/// </summary>
internal sealed class UsageEndpoint(IUsageLedger? ledger, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (ledger is null)
        {
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                "The usage ledger is disabled on this server (ledger.enabled: false).", null, "ledger_disabled"));
        }

        var query = context.Request.Query;
        var from = Period(query["period"].ToString(), time.GetUtcNow());
        string? client = query["client"].ToString() is { Length: > 0 } c ? c : null;
        if (context.Items.TryGetValue(Routing.RouteHeaders.ClientItem, out var who) && who is string own && own != Locus.Routing.Requests.RequestContext.DefaultClient)
        {
            client = own;
        }

        var report = await ledger.ReportAsync(new UsageQuery(from, null, client), context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        var json = new Utf8JsonWriter(context.Response.Body);
        await using var jsonLifetime = json.ConfigureAwait(false);
        UsageJson.Write(json, report);
    }

    private static DateTimeOffset? Period(string period, DateTimeOffset now) =>
        UsagePeriod.TryParseStart(period.Length == 0 ? "month" : period, now, out var from)
            ? from
            : throw new LocusException(LocusError.Invalid($"period must be today, month, all or YYYY-MM-DD, not '{period}'.", "period", "invalid_period"));
}
