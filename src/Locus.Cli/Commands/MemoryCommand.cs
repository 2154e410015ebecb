using System.CommandLine;
using System.Text.Json.Nodes;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus memory list|show|write|append|delete`: memory documents, replicated to every paired device.</summary>
internal static class MemoryCommand
{
    public static Command Create() => new("memory", "Read and write memory documents (synced to your other devices; injected as context by policy)")
    {
        List(), Show(), Write(), Append(), Delete(),
    };

    private static Command List()
    {
        var (node, config, json) = (MeshCommand.NodeOption(), CommonOptions.Config(), MeshCommand.Json());
        var command = new Command("list", "List memory documents") { node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var result = await api.GetAsync("/v1/memory", ct).ConfigureAwait(false);
            MeshCommand.Print(parse.GetValue(json), result, () =>
            {
                var table = new Table().AddColumns("id", "name", "scope", "chars");
                foreach (var d in result["documents"]!.AsArray())
                {
                    table.AddRow(Markup.Escape($"{d!["id"]}"), Markup.Escape($"{d["name"]}"), $"{d["scope"]}", $"{d["chars"]}");
                }

                AnsiConsole.Write(table);
            });
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var (node, config, json, id) = (MeshCommand.NodeOption(), CommonOptions.Config(), MeshCommand.Json(), IdArgument());
        var command = new Command("show", "Print a memory document's text") { id, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var doc = await api.GetAsync(Path(parse.GetValue(id)!), ct).ConfigureAwait(false);
            MeshCommand.Print(parse.GetValue(json), doc, () => Console.WriteLine(doc["text"]?.GetValue<string>()));
            return 0;
        }));
        return command;
    }

    private static Command Write()
    {
        var (node, config, json, id) = (MeshCommand.NodeOption(), CommonOptions.Config(), MeshCommand.Json(), IdArgument());
        var text = TextOption();
        var file = new Option<string?>("--file") { Description = "Read the text from this file ('-' = standard input)", HelpName = "PATH" };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)" };
        var scope = new Option<string?>("--scope") { Description = "devices (never leaves your devices; default) or cloud (may be sent to cloud models)" };
        var command = new Command("write", "Create or replace a memory document") { id, text, file, name, scope, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            var body = parse.GetValue(text) ?? await ReadFileAsync(parse.GetValue(file), ct).ConfigureAwait(false);
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var doc = await api.PutAsync(Path(parse.GetValue(id)!),
                new JsonObject { ["text"] = body, ["name"] = parse.GetValue(name), ["scope"] = parse.GetValue(scope) }, ct).ConfigureAwait(false);
            MeshCommand.Print(parse.GetValue(json), doc, () => AnsiConsole.MarkupLineInterpolated($"Saved {doc["id"]} ({doc["scope"]})."));
            return 0;
        }));
        return command;
    }

    private static Command Append()
    {
        var (node, config, json, id, text) = (MeshCommand.NodeOption(), CommonOptions.Config(), MeshCommand.Json(), IdArgument(), TextOption());
        var command = new Command("append", "Add text at the end of a memory document") { id, text, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            var body = parse.GetValue(text) ?? throw new LocusException(LocusError.Invalid("--text is required"));
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var doc = await api.PostAsync(Path(parse.GetValue(id)!) + "/append", new JsonObject { ["text"] = body }, ct).ConfigureAwait(false);
            MeshCommand.Print(parse.GetValue(json), doc, () => AnsiConsole.MarkupLineInterpolated($"Appended to {doc["id"]}."));
            return 0;
        }));
        return command;
    }

    private static Command Delete()
    {
        var (node, config, json, id) = (MeshCommand.NodeOption(), CommonOptions.Config(), MeshCommand.Json(), IdArgument());
        var command = new Command("delete", "Delete a memory document (on every device)") { id, node, config, json };
        command.SetAction((parse, ct) => CliErrors.Run(async () =>
        {
            using var api = NodeApi.For(parse.GetValue(node), parse.GetValue(config));
            var result = await api.DeleteAsync(Path(parse.GetValue(id)!), ct).ConfigureAwait(false);
            MeshCommand.Print(parse.GetValue(json), result, () => AnsiConsole.MarkupLineInterpolated($"Deleted {result["deleted"]}."));
            return 0;
        }));
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The document's id (letters, digits, '.', '_', '-')" };

    private static Option<string?> TextOption() => new("--text") { Description = "The text" };

    private static string Path(string id) => "/v1/memory/" + Uri.EscapeDataString(id);

    private static async Task<string> ReadFileAsync(string? file, CancellationToken ct) => file switch
    {
        null => throw new LocusException(LocusError.Invalid("give the text with --text or --file PATH ('-' reads standard input)")),
        "-" => await Console.In.ReadToEndAsync(ct).ConfigureAwait(false),
        _ when File.Exists(file) => await File.ReadAllTextAsync(file, ct).ConfigureAwait(false),
        _ => throw new LocusException(LocusError.Invalid($"no file {file}")),
    };
}
