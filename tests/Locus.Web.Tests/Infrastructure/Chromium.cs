using Microsoft.Playwright;

namespace Locus.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>LOCUS_CHROMIUM</c>), driven by Playwright's bundled driver. No
/// browser is downloaded: <c>playwright install</c> needs the internet, and CI installs Debian's package instead.
/// </summary>
internal static class Chromium
{
    public const string MissingReason = "Chromium is not installed; browser tests need Debian's package: apt-get install chromium (or set LOCUS_CHROMIUM to a Chromium binary)";

    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("LOCUS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Available => File.Exists(ExecutablePath);

    // Offline machine: without these Chromium keeps trying to reach Google's services and fills the log with refusals.
    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
}

/// <summary>A fact that needs a browser; skipped with <see cref="Chromium.MissingReason"/> without one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Available)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
