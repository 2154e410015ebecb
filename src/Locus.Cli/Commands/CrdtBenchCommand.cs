using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus bench crdt --trace FILE`: replays an editing trace into the text CRDT and measures apply time (the JSON is
/// parsed before timing starts), managed memory, encoded size (plain and after tombstone collection) and load time.
/// Each figure is the median of --runs runs after one unmeasured warm-up run.
/// </summary>
internal static class CrdtBenchCommand
{
    public static Command Create()
    {
        var trace = new Option<string>("--trace") { Description = "Editing trace (.json or .json.gz, josephg/editing-traces format)", HelpName = "FILE", Required = true };
        var runs = new Option<int>("--runs") { Description = "Measured runs (medians are reported), after one warm-up run", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("crdt", "Replay an editing trace into the text CRDT: apply time, memory, encoded size, load time")
        {
            trace, runs, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var count = parse.GetValue(runs);
            if (count < 1)
            {
                throw new LocusException(LocusError.Invalid("--runs must be at least 1"));
            }

            var result = Measure(CrdtTrace.Load(parse.GetRequiredValue(trace)), count);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                PrintTable(result);
            }

            return Task.FromResult(result["matches_end_content"] is true ? 0 : CliErrors.Failure);
        }));
        return command;
    }

    private static Dictionary<string, object> Measure(CrdtTrace trace, int runs)
    {
        var apply = new List<double>();
        var load = new List<double>();
        var memory = new List<long>();
        TextDocument? document = null;
        for (var run = 0; run <= runs; run++)
        {
            document = null;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            document = Replay(trace);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var encoded = document.Encode();
            clock.Restart();
            var loaded = TextDocument.Decode(encoded, new ReplicaId(2));
            var loadMs = clock.Elapsed.TotalMilliseconds;
            GC.KeepAlive(loaded);
            if (run == 0)
            {
                continue; // warm-up: JIT and tiering
            }

            apply.Add(elapsed);
            load.Add(loadMs);
            memory.Add(after - before);
        }

        var final = document!;
        var text = final.ToString();
        var plain = final.Encode();
        var reloaded = TextDocument.Decode(plain, new ReplicaId(2)).ToString();
        var mergeClock = Stopwatch.StartNew();
        var peer = new TextDocument(new ReplicaId(3));
        peer.ApplyAll(final.Delta(peer.Version));
        var mergeMs = mergeClock.Elapsed.TotalMilliseconds;
        var merged = peer.ToString() == trace.EndContent && peer.Encode().AsSpan().SequenceEqual(plain);
        final.CollectGarbage(final.Version);
        var collected = final.Encode();
        return new Dictionary<string, object>
        {
            ["impl"] = "locus",
            ["ops"] = trace.Count,
            ["runs"] = runs,
            ["apply_ms"] = Median(apply),
            ["apply_excludes_json_parsing"] = true,
            ["memory_bytes"] = (long)Median(memory.ConvertAll(m => (double)m)),
            ["encoded_bytes"] = plain.Length,
            ["encoded_gc_bytes"] = collected.Length,
            ["encoded_gc_brotli_bytes"] = Brotli(collected),
            ["load_ms"] = Median(load),
            ["items"] = final.ItemCount,
            ["text_length"] = final.Length,
            ["merge_ms"] = Math.Round(mergeMs, 2),
            ["matches_end_content"] = text == trace.EndContent && reloaded == trace.EndContent && merged,
        };
    }

    private static TextDocument Replay(CrdtTrace trace)
    {
        try
        {
            return trace.Replay();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new LocusException(LocusError.Invalid($"--trace: a patch lies outside the document: {e.Message}"));
        }
    }

    /// <summary>Size after general-purpose compression (how Loro and diamond-types report their "compressed" sizes).</summary>
    private static int Brotli(byte[] data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(data);
        }

        return (int)output.Length;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 2);
    }

    private static void PrintTable(Dictionary<string, object> result)
    {
        Console.WriteLine($"Text CRDT replay of {result["ops"]:N0} edits (median of {result["runs"]} runs after a warm-up; JSON parsing excluded)");
        Console.WriteLine($"  {"apply",-22} {result["apply_ms"],12:N2} ms");
        Console.WriteLine($"  {"memory (managed, GC'd)",-22} {result["memory_bytes"],12:N0} B");
        Console.WriteLine($"  {"encoded",-22} {result["encoded_bytes"],12:N0} B");
        Console.WriteLine($"  {"encoded after GC",-22} {result["encoded_gc_bytes"],12:N0} B");
        Console.WriteLine($"  {"  + Brotli",-22} {result["encoded_gc_brotli_bytes"],12:N0} B");
        Console.WriteLine($"  {"load",-22} {result["load_ms"],12:N2} ms");
        Console.WriteLine($"  {"items (runs)",-22} {result["items"],12:N0}");
        Console.WriteLine($"  {"matches endContent",-22} {result["matches_end_content"],12}");
    }
}
