using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Locus.Hardware.Detection;

/// <summary>The result of a streaming-read benchmark.</summary>
/// <param name="GigabytesPerSecond">Best pass, decimal GB/s.</param>
/// <param name="BufferBytes">Bytes read per pass.</param>
/// <param name="Threads">Reader threads.</param>
/// <param name="Passes">Passes made within the time budget.</param>
public sealed record BandwidthMeasurement(double GigabytesPerSecond, long BufferBytes, int Threads, int Passes)
{
    public string Describe() =>
        $"measured here: streaming read of {BufferBytes >> 20} MiB by {Threads} threads, best of {Passes} passes";
}

/// <summary>
/// Measures memory read bandwidth the way decode uses it: every thread streams its slice of a buffer far larger than
/// any cache, summing vectors so the reads cannot be skipped. The best pass within the time budget is reported.
/// </summary>
public static class BandwidthProbe
{
    public const long DefaultBufferBytes = 512L << 20;

    public static unsafe BandwidthMeasurement Measure(TimeSpan budget, long bufferBytes = DefaultBufferBytes, int? threads = null)
    {
        var workers = Math.Max(1, threads ?? Environment.ProcessorCount);
        var count = bufferBytes / sizeof(long) / Vector<long>.Count / workers * Vector<long>.Count * workers;
        var buffer = (long*)NativeMemory.AlignedAlloc((nuint)(count * sizeof(long)), 64);
        try
        {
            // Touch every page first so the measurement is reads, not page faults.
            new Span<long>(buffer, (int)Math.Min(count, int.MaxValue)).Fill(1);
            for (var offset = (long)int.MaxValue; offset < count; offset += int.MaxValue)
            {
                new Span<long>(buffer + offset, (int)Math.Min(count - offset, int.MaxValue)).Fill(1);
            }

            var slice = count / workers;
            var best = 0.0;
            var passes = 0;
            var clock = Stopwatch.StartNew();
            var sink = 0L;
            do
            {
                var start = clock.Elapsed;
                var sums = new long[workers];
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => sums[w] = Sum(buffer + (w * slice), slice));
                var seconds = (clock.Elapsed - start).TotalSeconds;
                sink += sums.Sum();
                best = Math.Max(best, count * sizeof(long) / seconds / 1e9);
                passes++;
            }
            while (clock.Elapsed < budget || passes < 3);

            GC.KeepAlive(sink);
            return new BandwidthMeasurement(best, count * sizeof(long), workers, passes);
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    private static unsafe long Sum(long* start, long length)
    {
        var acc0 = Vector<long>.Zero;
        var acc1 = Vector<long>.Zero;
        var step = Vector<long>.Count * 2;
        long i = 0;
        for (; i + step <= length; i += step)
        {
            acc0 += *(Vector<long>*)(start + i);
            acc1 += *(Vector<long>*)(start + i + Vector<long>.Count);
        }

        var total = Vector.Sum(acc0 + acc1);
        for (; i < length; i++)
        {
            total += start[i];
        }

        return total;
    }
}
