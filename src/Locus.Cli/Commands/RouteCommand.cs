using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.Routing.Policy;
using Locus.Node.Configuration;
using Locus.Node.Explain;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus route --explain`: where a prompt would run and why, without running it.</summary>
internal static class RouteCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("PROMPT") { Description = "The user message to route" };
        var config = CommonOptions.Config();
        var explain = new Option<bool>("--explain") { Description = "Print the decision and its reasons without running the request (the only mode for now)" };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON: tier, target, reasons, fallbacks, estimates" };
        var model = new Option<string?>("--model", "-m") { Description = "Model id as a client would send it (default: the auto model; a target name pins it)" };
        var client = new Option<string?>("--client") { Description = "Route as this configured client (its budget and policies apply)" };
        var privacy = new Option<string?>("--privacy") { Description = "The request's privacy marking: normal, sensitive or local-only" };
        var budget = new Option<int?>("--latency-budget-ms") { Description = "Latency budget for this request, in milliseconds" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "max_tokens as the request would set it" };
        var command = new Command("route", "Show where a prompt would be routed (tier, target) and every reason, without running it")
        {
            prompt, config, explain, json, model, client, privacy, budget, maxTokens,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var nodeConfig = NodeConfig.Load(CommonOptions.Sources(parse.GetValue(config)));
            if (nodeConfig.Routing.Targets.Count == 0)
            {
                throw new LocusException(LocusError.Invalid($"{nodeConfig.File ?? "no config file found"}: no targets are configured. Add a targets: list (see docs/configuration.md) and pass it with --config FILE."));
            }

            var (router, ledger) = await ExplainRouter.CreateAsync(nodeConfig).ConfigureAwait(false);
            RouteDecision decision;
            try
            {
                var context = new RequestContext(parse.GetValue(client) ?? RequestContext.DefaultClient, parse.GetValue(model),
                    ParsePrivacy(parse.GetValue(privacy)), parse.GetValue(budget) is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
                var chatOptions = new ChatOptions { MaxOutputTokens = parse.GetValue(maxTokens) };
                decision = router.Explain([new ChatMessage(ChatRole.User, parse.GetValue(prompt)!)], chatOptions, context);
            }
            finally
            {
                // The ledger was opened only to read spend for budgets.
                if (ledger is not null)
                {
                    await ledger.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(DecisionJson.Write(decision));
            }
            else
            {
                Print(decision);
            }

            return 0;
        }));
        return command;
    }

    private static PrivacyMarking ParsePrivacy(string? value) => PrivacyMarkings.TryParse(value, out var marking)
        ? marking
        : throw new LocusException(LocusError.Invalid($"--privacy must be normal, sensitive or local-only, not '{value}'"));

    private static void Print(RouteDecision decision)
    {
        if (decision.Refusal is { } refusal)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]refused[/] ({refusal.Code ?? refusal.Kind.ToString()}): {refusal.Message}");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[green]tier {decision.Tier}[/] → [bold]{decision.Target}[/]{(decision.Degraded ? " (degraded)" : "")}{(decision.Redact ? " (redacted)" : "")}");
        }

        foreach (var reason in decision.Reasons)
        {
            AnsiConsole.MarkupLineInterpolated($"  [grey]{reason.Signal}:[/] {reason.Detail}");
        }

        foreach (var step in decision.Fallbacks)
        {
            AnsiConsole.MarkupLineInterpolated($"  [grey]fallback:[/] tier {step.Tier} {step.Target} if {step.Why}");
        }
    }
}
