using Microsoft.Playwright;

namespace Locus.Web.Tests.Infrastructure;

/// <summary>The planner page in one tab, read and driven the way a person would: through labelled controls.</summary>
internal sealed class PlannerTab(IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public ILocator TargetSlider => page.GetByLabel("Target tokens/s", new() { Exact = true });

    public ILocator TargetNumber => page.GetByLabel("Target tokens/s (exact)", new() { Exact = true });

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Card(string envelope) => page.Locator($"article.card[data-envelope='{envelope}']");

    public ILocator JunctionPath(string envelope) => Card(envelope).Locator("svg path.junction");

    public ILocator TokensPath(string envelope) => Card(envelope).Locator("svg path.tps");

    public ILocator ThrottleMarker(string envelope) => Card(envelope).Locator("svg g.throttle");

    public ILocator Field(string envelope, string name) => Card(envelope).Locator($"[data-field='{name}']");

    public ILocator Error(string envelope) => Card(envelope).Locator(".error");

    /// <summary>Changes a labelled control the way a person would (select or type), and waits for the charts to follow.</summary>
    public async Task ChangeAsync(string label, string value)
    {
        var before = await UpdatesAsync();
        var control = page.GetByLabel(label, new() { Exact = true });
        if (await control.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await control.SelectOptionAsync(value);
        }
        else
        {
            await control.FillAsync(value);
        }

        await SettledAsync(before);
    }

    public Task<int> UpdatesAsync() =>
        page.EvaluateAsync<int>("() => Number(document.body.dataset.updates ?? 0)");

    /// <summary>Waits until more than <paramref name="updatesBefore"/> redraws finished and no input is pending.</summary>
    public Task SettledAsync(int updatesBefore) => page.WaitForFunctionAsync(
        "n => Number(document.body.dataset.updates ?? 0) > n && document.body.dataset.busy === 'false'",
        updatesBefore, new() { Timeout = 30_000 });

    /// <summary>Types a target into the number box, as a person would, and waits for the charts to follow.</summary>
    public async Task SetTargetAsync(double tokensPerSecond)
    {
        var before = await UpdatesAsync();
        await TargetNumber.FillAsync(tokensPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SettledAsync(before);
    }

    public ValueTask DisposeAsync() => new(page.CloseAsync());
}
