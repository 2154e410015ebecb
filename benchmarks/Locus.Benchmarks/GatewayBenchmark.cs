using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Locus.Core.Configuration;
using Locus.Ledger.Configuration;
using Locus.Node;
using Locus.Node.Configuration;
using Locus.Routing.Options;
using Locus.Server;
using Microsoft.AspNetCore.Builder;

namespace Locus.Benchmarks;

/// <summary>
/// Gateway overhead: the same non-streaming chat request sent straight to a fast upstream, and through Locus (routing
/// with every signal on, ledger on) to that upstream. Rounds alternate direct/via so that machine noise hits both;
/// added latency = via − direct, per percentile, medians over rounds. Client, Locus and upstream share this
/// process and its cores, as they would on a laptop.
/// </summary>
internal static class GatewayBenchmark
{
    private const string Body = """{"model":"auto","messages":[{"role":"user","content":"Summarize the attached meeting notes in three bullet points, please: the team agreed to ship on Friday, QA found two minor bugs, and marketing wants a blog post."}],"max_tokens":64}""";

    public static async Task<int> RunAsync(int seconds, int[] concurrencies, int rounds, bool ledger = true, int rate = 0)
    {
        await using var upstream = await FastUpstream.StartAsync();
        var upstreamUrl = upstream.Urls.First();
        var dir = Directory.CreateTempSubdirectory("locus-gw-bench-").FullName;
        Environment.SetEnvironmentVariable("LOCUS_BENCH_KEY", "bench-key");
        var config = new RouterConfig
        {
            Targets = [new TargetOptions
            {
                Name = "cloud", Kind = TargetKind.OpenAI, Model = "fast", BaseUrl = new Uri(upstreamUrl + "/v1"), OnDevice = false,
                SupportsTools = true, Price = new PriceOptions(3m, 15m), ApiKeyEnv = "LOCUS_BENCH_KEY",
            }],
            Routing = new RoutingOptions { CloudTargets = ["cloud"], LatencyBudget = TimeSpan.FromSeconds(5) },
        };
        var nodeConfig = new NodeConfig { Routing = config, Ledger = new LedgerSettings { Path = ledger ? Path.Combine(dir, "usage.db") : null } };
        await using var node = await LocusNode.StartAsync(new NodeSettings { Config = nodeConfig });
        await using var locus = LocusServer.Build(new ServerOptions { Port = 0 }, node);
        await locus.StartAsync();
        var locusUrl = locus.Urls.First();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        Console.WriteLine($"gateway: {Environment.ProcessorCount} cores, {seconds} s per run, {rounds} rounds alternating direct/via, non-streaming chat, ledger {(ledger ? "on" : "off")}, " + (rate > 0 ? $"paced at {rate} req/s in total" : "closed loop (each worker sends its next request when the last one is answered)"));
        foreach (var concurrency in concurrencies)
        {
            var direct = new List<RunResult>();
            var via = new List<RunResult>();
            await RunOnceAsync(http, upstreamUrl, concurrency, 2, rate);
            await RunOnceAsync(http, locusUrl, concurrency, 2, rate);
            for (var r = 0; r < rounds; r++)
            {
                direct.Add(await RunOnceAsync(http, upstreamUrl, concurrency, seconds, rate));
                via.Add(await RunOnceAsync(http, locusUrl, concurrency, seconds, rate));
            }

            Report(concurrency, direct, via);
        }

        await locus.StopAsync();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(HttpClient http, string baseUrl, int concurrency, int seconds, int rate)
    {
        var url = baseUrl + "/v1/chat/completions";
        var stop = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var latencies = new List<double>[concurrency];
        var failures = 0;
        // CPU and allocations of the whole process (client, upstream, and Locus when via): via − direct is Locus's own
        // work per request, a figure that machine noise moves far less than latency.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            // Paced: each worker sends on its own schedule (rate / concurrency per second, staggered), so latency is
            // measured at a load the machine carries, not at saturation where it is just concurrency ÷ throughput.
            var interval = rate > 0 ? (long)(Stopwatch.Frequency * (double)concurrency / rate) : 0;
            var next = Stopwatch.GetTimestamp() + (interval > 0 ? interval * w / concurrency : 0);
            while (Stopwatch.GetTimestamp() < stop)
            {
                if (interval > 0)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += interval;
                }

                var start = Stopwatch.GetTimestamp();
                using var content = new StringContent(Body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, content);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToArray();
        var began = Stopwatch.GetTimestamp();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        var bytes = GC.GetTotalAllocatedBytes() - allocated;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new RunResult(Percentiles.Of(all, 50), Percentiles.Of(all, 99), all.Length / elapsed, failures, cpuUs / all.Length, bytes / (double)all.Length);
    }

    private static void Report(int concurrency, List<RunResult> direct, List<RunResult> via)
    {
        static double Median(IEnumerable<double> xs)
        {
            var s = xs.Order().ToArray();
            return s[s.Length / 2];
        }

        var line = string.Create(CultureInfo.InvariantCulture,
            $"gateway c={concurrency}: direct p50 {Median(direct.Select(d => d.P50)):0.000} ms p99 {Median(direct.Select(d => d.P99)):0.000} ms {Median(direct.Select(d => d.Rps)):0} req/s | " +
            $"via Locus p50 {Median(via.Select(d => d.P50)):0.000} ms p99 {Median(via.Select(d => d.P99)):0.000} ms {Median(via.Select(d => d.Rps)):0} req/s | " +
            $"added p50 {Median(via.Zip(direct, (v, d) => v.P50 - d.P50)):0.000} ms p99 {Median(via.Zip(direct, (v, d) => v.P99 - d.P99)):0.000} ms | " +
            $"added cpu {Median(via.Zip(direct, (v, d) => v.CpuUs - d.CpuUs)):0} us/req alloc {Median(via.Zip(direct, (v, d) => v.Bytes - d.Bytes)) / 1024:0.0} KB/req | failures {via.Sum(v => v.Failures) + direct.Sum(d => d.Failures)}");
        Console.WriteLine(line);
    }

    private readonly record struct RunResult(double P50, double P99, double Rps, int Failures, double CpuUs, double Bytes);
}
