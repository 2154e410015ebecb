using System.Net;
using Locus.Core.Configuration;
using Locus.Server.Protocol.Responses;
using Locus.Server.Responses;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Responses;

/// <summary>The SQLite response store: save, find, delete, and retention (rows past it are neither returned nor kept).</summary>
public sealed class ResponseStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("locus-responses-").FullName;
    private readonly SteppedTime _time = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_ThenFind_ReturnsTheRowFromTheFile()
    {
        var path = System.IO.Path.Combine(_folder, "sub", "responses.db");
        using (var store = new SqliteResponseStore(path, TimeSpan.FromDays(30), _time))
        {
            store.Save(Row("resp_1"));
        }

        using var reopened = new SqliteResponseStore(path, TimeSpan.FromDays(30), _time);
        var found = reopened.Find("resp_1");

        Assert.NotNull(found);
        Assert.Equal(("{\"id\":\"resp_1\"}", "[]", _time.GetUtcNow().ToUnixTimeSeconds()), (found.ResponseJson, found.ItemsJson, found.CreatedAt.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Delete_RemovesOnlyThatRow()
    {
        using var store = new SqliteResponseStore(null, TimeSpan.FromDays(30), _time);
        store.Save(Row("a"));
        store.Save(Row("b"));

        Assert.True(store.Delete("a"));
        Assert.False(store.Delete("a"));
        Assert.Null(store.Find("a"));
        Assert.NotNull(store.Find("b"));
    }

    [Fact]
    public void Purge_RowsPastRetention_AreGoneAndNotReturned()
    {
        using var store = new SqliteResponseStore(null, TimeSpan.FromDays(30), _time);
        store.Save(Row("old"));
        _time.Advance(TimeSpan.FromDays(20));
        store.Save(Row("young"));
        _time.Advance(TimeSpan.FromDays(11));

        Assert.Null(store.Find("old"));
        Assert.NotNull(store.Find("young"));
        Assert.Equal(1, store.Purge());
        Assert.Equal(0, store.Purge());
    }

    [Fact]
    public async Task Server_ResponsePastRetention_Gets404()
    {
        var catalog = new ScriptedCatalog();
        catalog.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 1, "hi");
        var options = new ServerOptions { Host = "127.0.0.1", Port = 0, ResponsesRetention = TimeSpan.FromDays(1) };
        await using var server = await RunningServer.StartAsync(catalog, options, _time);
        using var created = await server.Http.SendAsync(Requests.Post("/v1/responses", "{\"model\":\"scripted\",\"input\":\"hi\"}"));
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var fresh = await server.Http.GetAsync($"/v1/responses/{id}");
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var expired = await server.Http.GetAsync($"/v1/responses/{id}");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await OpenAIError.AssertAsync(expired, HttpStatusCode.NotFound, "response_id", "response_not_found");
    }

    private StoredResponse Row(string id) => new(id, _time.GetUtcNow(), $"{{\"id\":\"{id}\"}}", "[]");

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private DateTimeOffset _now = FixedTime.Instant;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
