using System.Diagnostics;
using System.Globalization;
using Locus.Llama.Engine;

namespace Locus.Benchmarks;

/// <summary>
/// What the confidence cascade adds per generated token: one log-softmax-and-entropy pass over the vocabulary's logits
/// (<see cref="TokenBelief.Measure"/>), timed alone for the shared models' vocabulary sizes. Unlike an end-to-end tokens/s
/// comparison, this stays readable on a busy machine: contention only lengthens calls, so the minimum and median of many
/// single-call timings bound the real cost.
/// </summary>
internal static class LogProbBenchmark
{
    public static int Run(int iterations)
    {
        foreach (var (name, vocab) in new[] { ("stories260K", 512), ("llama-2-tiny-random", 32_000), ("random-qwen2-tiny", 151_936) })
        {
            var random = new Random(7);
            var logits = Enumerable.Range(0, vocab).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            var sink = 0.0;
            for (var i = 0; i < 2_000; i++)
            {
                sink += TokenBelief.Measure(logits, i % vocab).LogProb;
            }

            var samples = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                sink += TokenBelief.Measure(logits, i % vocab).Entropy;
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            Array.Sort(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"logprobs\",\"model\":\"{name}\",\"vocab\":{vocab},\"min_us\":{samples[0]:0.00},\"p50_us\":{samples[iterations / 2]:0.00},\"p99_us\":{samples[iterations * 99 / 100]:0.00},\"check\":{(double.IsFinite(sink) ? 1 : 0)}}}"));
        }

        return 0;
    }
}
