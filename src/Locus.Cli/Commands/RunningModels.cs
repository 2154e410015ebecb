using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Core.Errors;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus models --server URL`: what a running server's engines are doing, from its <c>/health</c>.</summary>
internal static class RunningModels
{
    public static async Task<int> ShowAsync(Uri server, bool json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        JsonNode? health;
        try
        {
            health = JsonNode.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable, $"could not read {server}health: {e.Message}. Is `locus serve` running there?"));
        }

        var engines = health?["engines"]?.AsArray() ?? [];
        if (json)
        {
            foreach (var engine in engines)
            {
                Console.WriteLine(engine!.ToJsonString());
            }

            return 0;
        }

        if (engines.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"{server} serves no local model.");
            return 0;
        }

        var table = new Table().AddColumns("model", "slots busy", "queued", "KV cells", "prefix hits", "tok/s");
        foreach (var e in engines)
        {
            table.AddRow(
                Markup.Escape($"{e!["model"]}"),
                $"{e["slots_busy"]} / {e["slots"]}",
                $"{e["queued"]}",
                $"{e["kv_cells_used"]} / {e["kv_cells_total"]}",
                ((double)e["prefix_cache_hit_rate"]!).ToString("P1", CultureInfo.InvariantCulture),
                ((double)e["decode_tokens_per_second"]!).ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
