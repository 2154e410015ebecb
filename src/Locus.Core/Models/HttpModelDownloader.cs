using Locus.Core.Configuration;

namespace Locus.Core.Models;

/// <summary>Checks the model file on disk, and downloads, verifies and installs it when it is missing.</summary>
internal sealed class HttpModelDownloader(HttpClient http, TimeProvider time, DownloadTuning tuning) : IModelDownloader
{
    public async Task<string> EnsureModelAsync(
        DefaultModelOptions model,
        string directory,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (model.FileName.Length == 0 || model.FileName != Path.GetFileName(model.FileName))
        {
            throw new ArgumentException($"Model file name \"{model.FileName}\" must be a plain file name.", nameof(model));
        }

        if (model.Sha256.Length != 64 || !model.Sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("The model's SHA-256 must be 64 hexadecimal characters.", nameof(model));
        }

        var expected = model.Sha256.ToLowerInvariant();
        var target = Path.Join(Path.GetFullPath(LocusPaths.ExpandHome(directory)), model.FileName);
        if (File.Exists(target))
        {
            await VerifyExistingAsync(target, expected, cancellationToken).ConfigureAwait(false);
            return target;
        }

        var url = model.Url ?? throw DownloadErrors.NoUrl(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var meter = new ProgressMeter(progress, time, tuning.ProgressInterval);
        var transfer = new ResumableTransfer(http, time, tuning, url, target, model.SizeBytes, meter);
        var actual = await transfer.RunAsync(cancellationToken).ConfigureAwait(false);
        if (actual != expected)
        {
            // A wrong file is useless to resume from: drop it so the next run starts clean.
            File.Delete(transfer.PartialPath);
            throw DownloadErrors.HashMismatch(url, expected, actual);
        }

        // Rename only after verifying, so the final name never holds a partial or wrong file, even after a crash.
        File.Move(transfer.PartialPath, target, overwrite: true);
        FileHashing.WriteMarker(target, expected);
        return target;
    }

    /// <summary>
    /// A file already at the final name was put there by us (after verification) or by the user. Either way a
    /// mismatch is reported, not "fixed": deleting a user's file would be worse than asking them to.
    /// </summary>
    private static async Task VerifyExistingAsync(string target, string expected, CancellationToken cancellationToken)
    {
        if (FileHashing.HasValidMarker(target, expected))
        {
            return;
        }

        var actual = await FileHashing.Sha256Async(target, cancellationToken).ConfigureAwait(false);
        if (actual != expected)
        {
            throw DownloadErrors.ExistingMismatch(target, expected, actual);
        }

        FileHashing.WriteMarker(target, expected);
    }
}
