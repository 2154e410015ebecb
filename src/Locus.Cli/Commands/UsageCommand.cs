using System.CommandLine;
using System.Globalization;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.Ledger;
using Locus.Ledger.Configuration;
using Locus.Ledger.Sqlite;
using Locus.Node.Usage;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus usage`: spend, tier mix and savings from the ledger (readable while a server writes to it).</summary>
internal static class UsageCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var ledgerPath = new Option<string?>("--ledger") { Description = "Ledger file (default: ledger.path from the config)", HelpName = "PATH" };
        var period = new Option<string>("--period") { Description = "today, month, all, or a start date (YYYY-MM-DD, UTC)", DefaultValueFactory = _ => "month" };
        var client = new Option<string?>("--client") { Description = "Only this client's requests" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("usage", "Report spend, tier mix and savings against sending everything to the cloud") { config, ledgerPath, period, client, json };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var path = parse.GetValue(ledgerPath) ?? CommonOptions.Load(parse.GetValue(config), LedgerSettings.Section).Path;
            if (path is null || !File.Exists(path))
            {
                throw new LocusException(LocusError.Invalid($"no ledger at {path ?? "(disabled in config)"}: start `locus serve` with routing configured, or pass --ledger PATH"));
            }

            var ledger = UsageLedger.OpenReadOnly(path);
            await using var ledgerLifetime = ledger.ConfigureAwait(false);
            var from = From(parse.GetValue(period)!, DateTimeOffset.UtcNow);
            var report = await ledger.ReportAsync(new UsageQuery(from, null, parse.GetValue(client)), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(UsageJson.ToJson(report));
            }
            else
            {
                Print(report, path);
            }

            return 0;
        }));
        return command;
    }

    internal static DateTimeOffset? From(string period, DateTimeOffset now) =>
        UsagePeriod.TryParseStart(period, now, out var from)
            ? from
            : throw new LocusException(LocusError.Invalid($"--period must be today, month, all or YYYY-MM-DD, not '{period}'"));

    private static void Print(UsageReport report, string path)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]Usage[/] from {path}{(report.From is { } f ? $" since {f:yyyy-MM-dd}" : "")}");
        AnsiConsole.MarkupLineInterpolated(
            $"{report.Requests} requests ({report.Refused} refused, {report.Errors} failed); {report.InputTokens:N0} tokens in, {report.OutputTokens:N0} out");
        AnsiConsole.MarkupLineInterpolated(
            $"spent [bold]${report.CostUsd:0.0000}[/]; all-cloud would have cost ${report.ReferenceCostUsd:0.0000}; saved [green]${report.SavingsUsd:0.0000}[/]; energy ≈ {report.EnergyJoules / 3600:0.00} Wh");
        var table = new Table().AddColumns("tier", "requests", "share", "tokens in", "tokens out", "cost (USD)");
        foreach (var g in report.ByTier)
        {
            table.AddRow(g.Key, g.Requests.ToString(CultureInfo.InvariantCulture), g.Share.ToString("P0", CultureInfo.InvariantCulture),
                g.InputTokens.ToString("N0", CultureInfo.InvariantCulture), g.OutputTokens.ToString("N0", CultureInfo.InvariantCulture), g.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }
}
