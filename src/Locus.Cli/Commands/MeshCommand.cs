using System.CommandLine;
using System.Text.Json.Nodes;
using Locus.Cli.Terminal;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus mesh pair|peers|status|sync`: this node's place in the person's mesh, through the running node.</summary>
internal static class MeshCommand
{
    public static Command Create() => new("mesh", "Pair devices and sync memory, history and settings between them (needs a running `locus serve` with a mesh: section)")
    {
        Pair(), Peers(), Status(), Sync(),
    };

    public static Option<string?> NodeOption() => new("--node") { Description = "The running node's URL (default: from the config's server host and port)", HelpName = "URL" };

    private static Command Pair()
    {
        var (node, config, json) = (NodeOption(), CommonOptions.Config(), Json());
        var join = new Option<string?>("--join") { Description = "Join the node at this mesh URL (shown by `locus mesh pair` there)", HelpName = "URL" };
        var code = new Option<string?>("--code") { Description = "The one-time code the other node shows" };
        var command = new Command("pair", "Show a one-time pairing code, or join another node with its code") { join, code, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            if (parse.GetValue(join) is { } url)
            {
                var result = await api.PostAsync("/v1/mesh/pair/join", new JsonObject { ["url"] = url, ["code"] = parse.GetValue(code) ?? "" }, ct).ConfigureAwait(false);
                Print(parse.GetValue(json), result, () => AnsiConsole.MarkupLineInterpolated(
                    $"[green]Paired[/] with {result["paired"]?["name"]} ({result["paired"]?["id"]}); they sync from now on."));
                return 0;
            }

            var offer = await api.PostAsync("/v1/mesh/pair", null, ct).ConfigureAwait(false);
            Print(parse.GetValue(json), offer, () =>
            {
                AnsiConsole.MarkupLineInterpolated($"Pairing code: [bold]{offer["code"]}[/] (valid until {offer["expires_at"]}, single use)");
                AnsiConsole.MarkupLineInterpolated($"On the other device run:  locus mesh pair --join {offer["mesh_url"]} --code {offer["code"]}");
            });
            return 0;
        }));
        return command;
    }

    private static Command Peers()
    {
        var (node, config, json) = (NodeOption(), CommonOptions.Config(), Json());
        var revoke = new Option<string?>("--revoke") { Description = "Revoke this peer (its messages are refused from now on)", HelpName = "ID" };
        var command = new Command("peers", "List paired peers and how their last sync went") { revoke, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            if (parse.GetValue(revoke) is { } id)
            {
                var revoked = await api.DeleteAsync($"/v1/mesh/peers/{Uri.EscapeDataString(id)}", ct).ConfigureAwait(false);
                Print(parse.GetValue(json), revoked, () => AnsiConsole.MarkupLineInterpolated($"Revoked {id}."));
                return 0;
            }

            var peers = await api.GetAsync("/v1/mesh/peers", ct).ConfigureAwait(false);
            Print(parse.GetValue(json), peers, () => PeerTable(peers["peers"]!.AsArray()));
            return 0;
        }));
        return command;
    }

    private static Command Status()
    {
        var (node, config, json) = (NodeOption(), CommonOptions.Config(), Json());
        var command = new Command("status", "This node's mesh identity, state size and peers") { node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var status = await api.GetAsync("/v1/mesh/status", ct).ConfigureAwait(false);
            Print(parse.GetValue(json), status, () =>
            {
                AnsiConsole.MarkupLineInterpolated($"Node [bold]{status["name"]}[/] ({status["node_id"]}) at {status["mesh_url"]}");
                AnsiConsole.MarkupLineInterpolated($"{status["documents"]} memory documents; state {status["state_bytes"]} bytes, digest {status["state_digest"]}");
                PeerTable(status["peers"]!.AsArray());
                var directory = new Table().AddColumns("node", "models", "load", "thermal headroom", "seen");
                foreach (var e in status["directory"]!.AsArray())
                {
                    directory.AddRow(Markup.Escape($"{e!["node_id"]}"), Markup.Escape(string.Join(", ", e["models"]!.AsArray())), $"{e["load"]}", $"{e["thermal_headroom"]}", Markup.Escape(When(e["seen_at"])));
                }

                AnsiConsole.Write(directory);
            });
            return 0;
        }));
        return command;
    }

    private static Command Sync()
    {
        var (node, config, json) = (NodeOption(), CommonOptions.Config(), Json());
        var command = new Command("sync", "Sync with every paired peer now (the node also syncs in the background)") { node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var result = await api.PostAsync("/v1/mesh/sync", null, ct).ConfigureAwait(false);
            var rounds = result["synced"]!.AsArray();
            Print(parse.GetValue(json), result, () =>
            {
                if (rounds.Count == 0)
                {
                    AnsiConsole.MarkupLine("No paired peer to sync with: pair one with `locus mesh pair`.");
                }

                foreach (var r in rounds)
                {
                    AnsiConsole.MarkupLineInterpolated($"{r!["peer"]}: {((bool)r["ok"]! ? "ok" : "failed: " + r["error"])} ({r["sent_bytes"]} bytes sent, {r["received_bytes"]} received)");
                }
            });
            return rounds.All(r => (bool)r!["ok"]!) ? 0 : CliErrors.Failure;
        }));
        return command;
    }

    private static void PeerTable(JsonArray peers)
    {
        if (peers.Count == 0)
        {
            AnsiConsole.MarkupLine("No peers yet: run `locus mesh pair` here and `locus mesh pair --join ...` on the other device.");
            return;
        }

        var table = new Table().AddColumns("id", "name", "url", "state", "last sync", "last error");
        foreach (var p in peers)
        {
            var state = (bool)p!["revoked"]! ? "revoked" : (bool)p["paired"]! ? "paired" : (bool)p["discovered"]! ? "on the LAN, not paired" : "not paired";
            table.AddRow(Markup.Escape($"{p["id"]}"), Markup.Escape($"{p["name"]}"), Markup.Escape($"{p["url"]}"), state,
                Markup.Escape(When(p["last_sync"])), Markup.Escape($"{p["last_error"]}"));
        }

        AnsiConsole.Write(table);
    }

    private static string When(JsonNode? iso) =>
        iso is null ? "never" : DateTimeOffset.Parse((string)iso!, System.Globalization.CultureInfo.InvariantCulture).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    internal static Option<bool> Json() => new("--json") { Description = "Print the node's JSON answer" };

    internal static void Print(bool json, JsonObject value, Action human)
    {
        if (json)
        {
            Console.WriteLine(value.ToJsonString());
        }
        else
        {
            human();
        }
    }
}
