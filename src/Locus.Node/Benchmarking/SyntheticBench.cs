using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Gguf;
using Locus.Hardware.Detection;
using Locus.Hardware.Models;
using Locus.Hardware.Performance;
using Locus.Hardware.Synthetic;
using Locus.Llama.Benchmarking;

namespace Locus.Node.Benchmarking;

/// <summary>What `locus bench --synthetic` was asked to do.</summary>
public sealed record SyntheticBenchRequest(SyntheticSpec Spec, string Tokenizer, int PromptTokens, int GeneratedTokens, int Threads, int Repetitions,
    bool Keep, string? CalibrationIn, string? CalibrationOut);

/// <summary>The measured and predicted speeds of one synthetic benchmark.</summary>
public sealed record SyntheticBenchResult(SyntheticBenchRequest Request, ArchitecturePresets.Preset Preset, ModelShape Model, long FileBytes,
    IReadOnlyList<BenchRun> Runs, Hardware.Devices.DeviceProfile Device, Efficiency Efficiency, string EfficiencySource, SpeedPrediction Predicted,
    string? KeptFile, string? CalibrationSaved, Efficiency? CalibrationFitted, double? LoadAverage)
{
    public double Prefill => ValidationReport.Median(Runs.Select(r => r.PromptTokensPerSecond));

    public double Decode => ValidationReport.Median(Runs.Select(r => r.GenerationTokensPerSecond));
}

/// <summary>
/// `locus bench --synthetic ARCH:SIZE:QUANT`: writes a random-weight GGUF of a real shape to a temporary file (random
/// weights cost what trained ones cost), measures it with the same in-process path as `locus bench`, and sets the
/// medians beside the planner's prediction for this machine (detected CPU, bandwidth measured first, while nothing else
/// of ours is running).
/// </summary>
public static class SyntheticBench
{
    public static async Task<SyntheticBenchResult> RunAsync(SyntheticBenchRequest r, CancellationToken cancellationToken)
    {
        var device = ThisMachine.Profile(MachineDetector.Detect(), BandwidthProbe.Measure(TimeSpan.FromSeconds(1)));
        var (efficiency, source) = r.CalibrationIn is { } file ? (SyntheticFiles.ReadCalibration(file).Efficiency, file) : (Efficiency.Fitted, "fitted to llama-bench-apple.csv");
        var path = Path.Combine(Path.GetTempPath(), $"locus-synthetic-{r.Spec.ToString().Replace(':', '-')}-{Guid.NewGuid():N}.gguf");
        try
        {
            RandomModelWriter.Write(path, SyntheticShapes.Options(r.Spec, r.PromptTokens + r.GeneratedTokens + 16), GgufReader.Read(r.Tokenizer));
            var gguf = GgufReader.Read(path);
            var model = GgufModelShape.From(gguf, Path.GetFileName(path));
            var options = new LlamaOptions { Threads = r.Threads, BatchSize = 512 };
            var runs = await LlamaBench.RunAsync(path, options, r.PromptTokens, r.GeneratedTokens, r.Repetitions, cancellationToken).ConfigureAwait(false);
            var predicted = SpeedPrediction.For(model, device, r.PromptTokens, r.GeneratedTokens, efficiency);
            var result = new SyntheticBenchResult(r, SyntheticShapes.Preset(r.Spec), model, gguf.FileSizeBytes, runs, device, efficiency, source, predicted,
                r.Keep ? path : null, null, null, LoadAverage());
            if (r.CalibrationOut is not { } output)
            {
                return result;
            }

            var point = new CalibrationPoint(r.Spec.ToString(), result.Decode, result.Prefill, predicted.IdealDecodeTokensPerSecond, predicted.IdealPrefillTokensPerSecond,
                DateTimeOffset.UtcNow);
            return result with { CalibrationSaved = output, CalibrationFitted = SyntheticFiles.SaveCalibration(output, point).Efficiency };
        }
        catch (Exception e) when (e is ArgumentException or GgufFormatException)
        {
            // A tokenizer file that is not a GGUF, or one without a token list.
            throw new LocusException(LocusError.Invalid($"--synthetic {r.Spec}: {e.Message}"));
        }
        finally
        {
            if (!r.Keep)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The 1-minute load average: a benchmark on a busy machine measures the other jobs as much as the model.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
