using System.Text.Json;
using Locus.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Locus.Web.Tests;

/// <summary>
/// The planner page (GET /planner) in headless Chromium against a real Locus server and its real /v1/thermal: the
/// charts draw, follow the tokens/s control, show the throttle point, and show the API's errors.
/// </summary>
public sealed class PlannerPageTests(PlannerBrowser browser) : IClassFixture<PlannerBrowser>
{
    private const string Fanless = "fanless-laptop";

    [BrowserFact]
    public async Task Planner_Opened_DrawsOneTemperatureCurvePerEnvelope()
    {
        using var listing = JsonDocument.Parse(await browser.Server.Http.GetStringAsync("/v1/thermal/envelopes"));
        var envelopes = listing.RootElement.GetProperty("envelopes").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        await using var tab = await browser.OpenAsync();

        Assert.Equal(4, envelopes.Count);
        foreach (var envelope in envelopes)
        {
            var d = await tab.JunctionPath(envelope).GetAttributeAsync("d") ?? "";
            Assert.True(d.Count(c => c == 'L') >= 100, $"{envelope}: the curve has only {d.Count(c => c == 'L')} segments");
            Assert.Matches(@"tok/s$", await tab.Field(envelope, "sustained").TextContentAsync() ?? "");
        }
    }

    [BrowserFact]
    public async Task Planner_TokensSliderMovedByKeyboard_ChartAndNumberFollow()
    {
        await using var tab = await browser.OpenAsync();
        await tab.SetTargetAsync(5);
        var pathBefore = await tab.TokensPath(Fanless).GetAttributeAsync("d");
        var sustainedBefore = await tab.Field(Fanless, "sustained").TextContentAsync();

        var updates = await tab.UpdatesAsync();
        await tab.TargetSlider.FocusAsync();
        for (var i = 0; i < 3; i++)
        {
            await tab.Page.Keyboard.PressAsync("PageUp");
        }

        await tab.SettledAsync(updates);

        Assert.True(double.Parse(await tab.TargetNumber.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture) > 5);
        Assert.NotEqual(pathBefore, await tab.TokensPath(Fanless).GetAttributeAsync("d"));
        Assert.NotEqual(sustainedBefore, await tab.Field(Fanless, "sustained").TextContentAsync());
    }

    [BrowserFact]
    public async Task Planner_FanlessLaptop_HighTargetShowsThrottlePointLowTargetDoesNot()
    {
        await using var tab = await browser.OpenAsync();

        await tab.SetTargetAsync(5);
        Assert.Equal(0, await tab.ThrottleMarker(Fanless).CountAsync());
        Assert.Equal("never", await tab.Field(Fanless, "throttle").TextContentAsync());

        await tab.SetTargetAsync(20);
        var seconds = await ThrottleSecondsAsync(20);
        Assert.NotNull(seconds);
        Assert.Equal(1, await tab.ThrottleMarker(Fanless).CountAsync());
        var label = await tab.ThrottleMarker(Fanless).Locator("text").TextContentAsync();
        Assert.Equal($"throttles at {(int)Math.Round(seconds.Value) / 60} min {(int)Math.Round(seconds.Value) % 60} s", label);
    }

    [BrowserFact]
    public async Task Planner_InvalidTarget_ShowsTheApiErrorMessage()
    {
        await using var tab = await browser.OpenAsync();

        await tab.SetTargetAsync(-5);

        using var response = await browser.Server.Http.GetAsync(ThermalUrl(-5));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString();
        Assert.False(response.IsSuccessStatusCode);
        Assert.True(await tab.Error(Fanless).IsVisibleAsync());
        Assert.Equal(message, await tab.Error(Fanless).TextContentAsync());
        Assert.Equal(0, await tab.JunctionPath(Fanless).CountAsync());
    }

    [BrowserFact]
    public async Task Planner_ThrottlingFanlessLaptop_ScreenshotShowsCurveAndThrottlePoint()
    {
        await using var tab = await browser.OpenAsync();
        await tab.SetTargetAsync(20);
        await tab.TargetNumber.BlurAsync();

        var marker = await tab.ThrottleMarker(Fanless).Locator("circle").BoundingBoxAsync();
        var file = Path.Combine(AppContext.BaseDirectory, "planner-thermal.png");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });

        // The throttle point is on screen at 1280×800, right of where the curve starts to climb.
        Assert.NotNull(marker);
        Assert.InRange(marker.X, 0, 1280);
        Assert.InRange(marker.Y, 0, 800);
        var start = await tab.JunctionPath(Fanless).BoundingBoxAsync();
        Assert.True(marker.X > start!.X, "the throttle point should come after the curve starts");
        Assert.True(new FileInfo(file).Length > 20_000, "the screenshot is suspiciously small");
    }

    [BrowserFact]
    public async Task Planner_EnvelopeUnticked_ItsCardHidesAndTheOthersStay()
    {
        await using var tab = await browser.OpenAsync();
        var before = await tab.UpdatesAsync();

        await tab.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Datacenter GPU", Exact = true }).UncheckAsync();
        await tab.SettledAsync(before);

        Assert.False(await tab.Card("datacenter-gpu").IsVisibleAsync());
        Assert.True(await tab.JunctionPath(Fanless).IsVisibleAsync());
        Assert.Equal("3 envelopes simulated.", await tab.Status.TextContentAsync());
    }

    private static string ThermalUrl(double target) =>
        $"/v1/thermal?envelope={Fanless}&params_b=8&quant=Q4_K_M&target_tps={target.ToString(System.Globalization.CultureInfo.InvariantCulture)}&minutes=30&ambient_c=25";

    private async Task<double?> ThrottleSecondsAsync(double target)
    {
        using var doc = JsonDocument.Parse(await browser.Server.Http.GetStringAsync(ThermalUrl(target)));
        var t = doc.RootElement.GetProperty("time_to_throttle_s");
        return t.ValueKind == JsonValueKind.Null ? null : t.GetDouble();
    }
}
