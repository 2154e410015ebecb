using Locus.Core.Errors;
using Locus.Hardware.Synthetic;

namespace Locus.Node.Benchmarking;

/// <summary>The files the synthetic benchmark reads and writes: the tokenizer source and calibration files.</summary>
public static class SyntheticFiles
{
    /// <summary>
    /// The tokenizer source: <paramref name="given"/>, else ../shared/models/stories260K.gguf beside the checkout (or
    /// beside the current folder). Any llama-family GGUF works; only its tokenizer is copied, then padded.
    /// </summary>
    public static string Tokenizer(string? given)
    {
        if (given is not null)
        {
            return File.Exists(given) ? given : throw Invalid($"--tokenizer: file not found: {given}");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "models", "stories260K.gguf");
                if (File.Exists(Path.Combine(dir.FullName, "Locus.slnx")) && File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw Invalid("--synthetic needs a tokenizer: pass --tokenizer FILE.gguf (any llama-family GGUF; only its tokenizer is copied)");
    }

    public static Calibration ReadCalibration(string path)
    {
        try
        {
            return CalibrationFile.Read(path);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw Invalid($"cannot read calibration {path}: {e.Message}");
        }
    }

    public static Calibration SaveCalibration(string path, CalibrationPoint point)
    {
        try
        {
            return CalibrationFile.Append(path, point);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw Invalid($"cannot save calibration {path}: {e.Message}");
        }
    }

    private static LocusException Invalid(string message) => new(LocusError.Invalid(message));
}
