using Locus.Core.Models;
using Locus.Llama;
using Spectre.Console;

namespace Locus.Cli.Terminal;

/// <summary>Progress bars for long work (model load, download) on stderr, so stdout stays clean for pipes.</summary>
internal static class ProgressBars
{
    private static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static async Task<T> Run<T>(string title, Func<Action<double, string?>, Task<T>> work)
    {
        T result = default!;
        await Err.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                result = await work((fraction, detail) =>
                {
                    task.Value = Math.Clamp(fraction, 0, 1);
                    if (detail is not null)
                    {
                        task.Description = Markup.Escape($"{title} {detail}");
                    }
                }).ConfigureAwait(false);
                task.Value = 1.0;
            }).ConfigureAwait(false);
        return result;
    }

    public static IProgress<ModelLoadProgress> ForLoad(Action<double, string?> report) =>
        new SyncProgress<ModelLoadProgress>(p => report(p.Fraction, null));

    public static IProgress<DownloadProgress> ForDownload(Action<double, string?> report) =>
        new SyncProgress<DownloadProgress>(p => report(
            p.TotalBytes is > 0 ? (double)p.BytesDone / p.TotalBytes.Value : 0,
            $"{p.BytesDone / 1e6:F0}/{(p.TotalBytes ?? 0) / 1e6:F0} MB at {p.BytesPerSecond / 1e6:F1} MB/s"));

    /// <summary>Reports on the caller's thread (System.Progress would post to a context a console app does not have).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
