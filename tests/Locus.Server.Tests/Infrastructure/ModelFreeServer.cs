namespace Locus.Server.Tests.Infrastructure;

/// <summary>A real Locus server serving no models: for endpoints that need none (planner, thermal, placement).</summary>
public abstract class ModelFreeServer : IAsyncLifetime
{
    private RunningServer? _server;

    private protected RunningServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(new EmptyModelCatalog());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>GETs <paramref name="url"/>, checks for a 400 in the OpenAI error shape whose message contains <paramref name="message"/>; returns the error object.</summary>
    private protected async Task<System.Text.Json.JsonElement> AssertBadRequestAsync(string url, string message)
    {
        using var response = await Server.Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = OpenAIError.AssertShape(body);
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        return error.Clone();
    }
}
