using Locus.Cli.Terminal;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Core.Models;
using Locus.Llama;

namespace Locus.Cli.Commands;

/// <summary>Where the models to serve come from: the paths given, else the configured default (downloaded if absent).</summary>
internal static class ModelSource
{
    public static async Task<IReadOnlyList<LocalModelSpec>> ResolveAsync(IReadOnlyList<string> paths, LocusOptions options, CancellationToken cancellationToken)
    {
        if (paths.Count > 0)
        {
            return paths.Select(p => new LocalModelSpec(Path.GetFullPath(p))).ToArray();
        }

        var model = options.Models.Default;
        if (string.IsNullOrEmpty(model.FileName))
        {
            throw new LocusException(LocusError.Invalid("no model given: pass --model /path/to/model.gguf or configure models.default", "models.default"));
        }

        var local = Path.Combine(options.Models.Directory, model.FileName);
        if (!File.Exists(local))
        {
            await Console.Error.WriteLineAsync($"Default model {model.FileName} is not in {options.Models.Directory}; downloading it from {model.Url}")
                .ConfigureAwait(false);
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var downloader = ModelDownloader.Create(http);
        var path = await ProgressBars.Run($"Getting {model.FileName}", report =>
            downloader.EnsureModelAsync(model, options.Models.Directory, ProgressBars.ForDownload(report), cancellationToken)).ConfigureAwait(false);
        return [new LocalModelSpec(path)];
    }
}
