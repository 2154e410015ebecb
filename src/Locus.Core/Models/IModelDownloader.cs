using Locus.Core.Configuration;

namespace Locus.Core.Models;

/// <summary>Makes sure a pinned model file is on disk and intact, downloading it when it is not.</summary>
public interface IModelDownloader
{
    /// <summary>
    /// Returns the path of <paramref name="model"/>'s file in <paramref name="directory"/>, downloading it first when
    /// it is missing. A download resumes a <c>.partial</c> file left by an earlier run, is verified against
    /// <see cref="DefaultModelOptions.Sha256"/>, and only then is renamed into place, so the final path never holds
    /// a truncated or wrong file.
    /// </summary>
    /// <param name="model">What to fetch and how to check it.</param>
    /// <param name="directory">The models folder (a leading <c>~</c> is expanded); created when missing.</param>
    /// <param name="progress">Receives progress reports, a few per second at most, and always one at the end.</param>
    /// <param name="cancellationToken">Stops the download; the partial file is kept so a later call resumes it.</param>
    /// <returns>The full path of the verified model file.</returns>
    /// <exception cref="Locus.Core.Errors.LocusException">
    /// <see cref="Locus.Core.Errors.LocusErrorKind.Unavailable"/> when the server cannot be reached or fails;
    /// <see cref="Locus.Core.Errors.LocusErrorKind.InvalidRequest"/> when the file's SHA-256 does not match.
    /// </exception>
    Task<string> EnsureModelAsync(
        DefaultModelOptions model,
        string directory,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
