using System.Net;
using System.Text.Json;
using Locus.Web.Tests.Infrastructure;

namespace Locus.Web.Tests;

/// <summary>How the server hands out the planner page's files (no browser needed).</summary>
public sealed class PlannerPageHttpTests
{
    [Fact]
    public async Task Planner_Get_ServesHtmlThatLoadsItsOwnScriptAndStyle()
    {
        await using var server = await LocusUnderTest.StartAsync();

        using var page = await server.Http.GetAsync("/planner");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var (file, type) in new[] { ("planner.js", "text/javascript"), ("chart.js", "text/javascript"), ("planner.css", "text/css") })
        {
            using var response = await server.Http.GetAsync($"/planner/{file}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500, $"{file} is nearly empty");
        }

        Assert.Contains("/planner/planner.js", html, StringComparison.Ordinal);
        Assert.Contains("/planner/planner.css", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Planner_UnknownFile_404InTheApiErrorShape()
    {
        await using var server = await LocusUnderTest.StartAsync();

        using var response = await server.Http.GetAsync("/planner/secrets.txt");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("secrets.txt", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Planner_ServerWithApiKeys_PageIsPublicButThermalDataNeedsAKey()
    {
        await using var server = await LocusUnderTest.StartAsync(["sk-page-test"]);

        using var page = await server.Http.GetAsync("/planner");
        using var script = await server.Http.GetAsync("/planner/planner.js");
        using var data = await server.Http.GetAsync("/v1/thermal/envelopes");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
    }
}
