using Microsoft.Playwright;

namespace Locus.Web.Tests.Infrastructure;

/// <summary>
/// One Locus server and one headless Chromium for a test class. Without Chromium nothing starts (the tests are
/// skipped by <see cref="BrowserFactAttribute"/>), so the class fixture itself never fails for want of a browser.
/// </summary>
public sealed class PlannerBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private LocusUnderTest? _server;

    internal LocusUnderTest Server => _server ?? throw new InvalidOperationException(Chromium.MissingReason);

    public async Task InitializeAsync()
    {
        if (!Chromium.Available)
        {
            return;
        }

        _server = await LocusUnderTest.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh tab at 1280×800 on <c>/planner</c>, after its first round of charts (or errors) is drawn.</summary>
    internal Task<PlannerTab> OpenAsync() => OpenAsync(Server);

    /// <summary>The same, on another server (e.g. one that needs API keys).</summary>
    internal async Task<PlannerTab> OpenAsync(LocusUnderTest server)
    {
        var browser = _browser ?? throw new InvalidOperationException(Chromium.MissingReason);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var tab = new PlannerTab(page);
        await page.GotoAsync(new Uri(server.BaseAddress, "/planner").ToString());
        await tab.SettledAsync(0);
        return tab;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
