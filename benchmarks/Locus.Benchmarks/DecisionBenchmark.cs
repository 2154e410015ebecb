using System.Diagnostics;
using System.Globalization;
using Locus.Privacy;
using Locus.Privacy.Detectors;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Benchmarks;

/// <summary>
/// Cost of one routing decision with every signal on (client policy, sensitivity scan, complexity, tools, context fit,
/// budget, availability, latency budget) for a typical 2 KB prompt: the router's own work per request. Each decision
/// is timed on its own (Stopwatch ticks) after a warm-up, so p99 reflects real outliers (GC, tiering) — not a mean.
/// </summary>
internal static class DecisionBenchmark
{
    public static int Run(int iterations, bool learned = false)
    {
        var router = BuildRouter(learned);
        var prompts = TypicalPrompts();
        var context = new RequestContext("alice", "auto", PrivacyMarking.Normal, TimeSpan.FromMilliseconds(2000));
        var options = new ChatOptions { MaxOutputTokens = 512 };
        var messages = prompts.Select(p => (IReadOnlyList<ChatMessage>)[new ChatMessage(ChatRole.System, "You are a helpful assistant."), new ChatMessage(ChatRole.User, p)]).ToArray();

        for (var i = 0; i < 20_000; i++)
        {
            router.Explain(messages[i % messages.Length], options, context);
        }

        var samples = new double[iterations];
        var tiers = new int[4];
        var gcBefore = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var decision = router.Explain(messages[i % messages.Length], options, context);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            tiers[(int)decision.Tier]++;
        }

        var perDecision = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)iterations;
        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decision ({(learned ? "learned" : "heuristic")} complexity): prompt {prompts.Average(p => p.Length):0} chars avg, {iterations} decisions, p50 {Percentiles.Of(samples, 50):0.0} µs, p90 {Percentiles.Of(samples, 90):0.0} µs, p99 {Percentiles.Of(samples, 99):0.0} µs, p99.9 {Percentiles.Of(samples, 99.9):0.0} µs, max {samples[^1]:0} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decision: {perDecision:0} bytes allocated per decision, {GC.CollectionCount(0) - gcBefore} gen0 GCs; tiers 1/2/3/refused = {tiers[1]}/{tiers[2]}/{tiers[3]}/{tiers[0]}"));
        return 0;
    }

    private static LocusRouter BuildRouter(bool learned)
    {
        var config = new RouterConfig
        {
            Targets =
            [
                new TargetOptions { Name = "local", Kind = TargetKind.Llama, Model = "local.gguf", OnDevice = true, SupportsTools = false },
                new TargetOptions { Name = "local2", Kind = TargetKind.Llama, Model = "local2.gguf", OnDevice = true, SupportsTools = false },
                new TargetOptions { Name = "cloud", Kind = TargetKind.OpenAI, Model = "m", BaseUrl = new Uri("http://127.0.0.1:9/v1"), OnDevice = false, SupportsTools = true, Price = new PriceOptions(3m, 15m) },
            ],
            Routing = new RoutingOptions { FastTarget = "local", CloudTargets = ["cloud"], Ensemble = new EnsembleOptions { Targets = ["local", "local2"] } },
            Clients = [new ClientPolicy { Name = "alice", DailyBudgetUsd = 5m, MonthlyBudgetUsd = 50m, LatencyBudget = TimeSpan.FromSeconds(2) }],
        };
        var targets = config.Targets.Select(t => new RouteTarget(t, new IdleClient(), t.OnDevice ? 8192 : null));
        var services = new RouterServices { Scanner = SensitivityScanner.Create() };
        if (learned)
        {
            services = services with { Complexity = Locus.Routing.Signals.LearnedComplexityEstimator.LoadDefault() };
        }

        return new LocusRouter(new RouterSnapshot(config, targets), services);
    }

    /// <summary>Prompts of about 2 KB: prose, code, a mixed one with an email and a key.</summary>
    private static string[] TypicalPrompts()
    {
        const string prose = "We are planning the migration of our billing service to the new event store. The current system writes invoices synchronously and the nightly reconciliation job compares them with the payment provider's export. ";
        const string code = "```csharp\npublic sealed class InvoiceWriter(IEventStore store)\n{\n    public async Task WriteAsync(Invoice invoice, CancellationToken ct)\n    {\n        var e = new InvoiceIssued(invoice.Id, invoice.Total, invoice.Currency);\n        await store.AppendAsync(invoice.StreamId, e, ct);\n    }\n}\n```\n";
        string Fill(string start, string unit)
        {
            var s = start;
            while (s.Length < 2048)
            {
                s += unit;
            }

            return s[..2048];
        }

        return
        [
            Fill("Please summarize the following notes for the team. ", prose),
            Fill("Review this code and suggest improvements:\n", code),
            Fill("Contact jane.doe@example.com about key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z. ", prose + code),
        ];
    }

    private sealed class IdleClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
