using System.Net;
using Locus.Core.Abstractions;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// Memory documents through a real Locus server to real HTTP upstreams that record every byte: the on-device target
/// receives every selected document, the cloud only the cloud-scoped one — also when a request starts on the device
/// and falls back to the cloud — and with <c>inject: never</c> nothing is injected at all.
/// </summary>
public sealed class MemoryEndToEndTests : IAsyncLifetime
{
    private const string PrivateMarker = "ZEPHYR-PRIVATE-4471";
    private const string CloudMarker = "ORCHID-SHAREABLE-9032";

    // Scored as cloud work by the heuristic on its own, so "auto" sends it out.
    internal const string HardPrompt = "Refactor the session cache and analyze the race condition between cache and store; design a fix, " +
        "explain the trade-off step by step, and compare two alternatives with their failure modes in detail.";

    private readonly FixedMemory _memory = new(
        new MemoryDocument("m1", "secret-project", $"Codename {PrivateMarker}: launch plan. Never share.", MemoryScope.Devices),
        new MemoryDocument("m2", "notes", $"Prefers metric units. {CloudMarker}.", MemoryScope.Cloud));

    private UpstreamServer _device = null!;
    private UpstreamServer _cloud = null!;

    public async Task InitializeAsync()
    {
        _device = await UpstreamServer.StartAsync();
        _cloud = await UpstreamServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    private Task<MemoryNode> StartAsync(string memory = "memory:\n  inject: always", string clients = "") =>
        MemoryNode.StartAsync(_device.BaseUrl, _cloud.BaseUrl, _memory, memory, clients);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task Chat_RoutedToCloud_CloudReceivesOnlyCloudScopedDocument()
    {
        await using var node = await StartAsync();
        using var response = await node.ChatAsync(HardPrompt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", Header(response, "x-locus-tier"));
        var received = MemoryNode.Received(_cloud.Requests.Single());
        Assert.Contains(CloudMarker, received, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateMarker, received, StringComparison.Ordinal);
        Assert.Empty(_device.Requests);
        Assert.Contains("1 withheld from cloud target cloud by policy", Header(response, "x-locus-reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_RoutedOnDevice_DeviceReceivesEveryDocument()
    {
        await using var node = await StartAsync();
        using var response = await node.ChatAsync("What is the capital of France?", stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("1", "device"), (Header(response, "x-locus-tier"), Header(response, "x-locus-target")));
        var received = MemoryNode.Received(_device.Requests.Single());
        Assert.Contains(PrivateMarker, received, StringComparison.Ordinal);
        Assert.Contains(CloudMarker, received, StringComparison.Ordinal);
        Assert.Contains("memory: injected 2 documents (secret-project, notes) locally (device)", Header(response, "x-locus-reason"), StringComparison.Ordinal);
        Assert.Empty(_cloud.Requests);
    }

    [Fact]
    public async Task Chat_DeviceFailsAndFallsBackToCloud_CloudStepNeverReceivesPrivateDocument()
    {
        _device.Behavior = new UpstreamBehavior { Status = 503 };
        await using var node = await StartAsync();
        using var response = await node.ChatAsync("What is the capital of France?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cloud", Header(response, "x-locus-target"));
        Assert.Contains(PrivateMarker, MemoryNode.Received(_device.Requests.Single()), StringComparison.Ordinal);
        var received = MemoryNode.Received(_cloud.Requests.Single());
        Assert.DoesNotContain(PrivateMarker, received, StringComparison.Ordinal);
        Assert.Contains(CloudMarker, received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_InjectNever_NoUpstreamReceivesMemory()
    {
        await using var node = await StartAsync("memory:\n  inject: never");
        using var local = await node.ChatAsync("What is the capital of France?");
        using var cloud = await node.ChatAsync(HardPrompt, headers: new Dictionary<string, string> { ["x-locus-memory"] = "all" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (local.StatusCode, cloud.StatusCode));
        foreach (var request in _device.Requests.Concat(_cloud.Requests))
        {
            var received = MemoryNode.Received(request);
            Assert.DoesNotContain("memory document", received, StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateMarker, received, StringComparison.Ordinal);
            Assert.DoesNotContain(CloudMarker, received, StringComparison.Ordinal);
        }

        Assert.Equal(2, _device.Requests.Count + _cloud.Requests.Count);
        Assert.Contains("requested by x-locus-memory, but memory.inject is never", Header(cloud, "x-locus-reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_OnRequestWithHeaderAndClientOverride_OnlyWhatWasAskedFor()
    {
        await using var node = await StartAsync("memory:\n  inject: on_request", "clients:\n  - name: fan\n    memory: always");
        using var unasked = await node.ChatAsync("What is the capital of France?");
        using var asked = await node.ChatAsync("What is the capital of France?", headers: new Dictionary<string, string> { ["x-locus-memory"] = "notes" });
        using var fan = await node.ChatAsync("What is the capital of France?", headers: new Dictionary<string, string> { ["x-locus-client"] = "fan" });

        var received = _device.Requests.Select(MemoryNode.Received).ToList();
        Assert.Equal(3, received.Count);
        Assert.DoesNotContain("memory document", received[0], StringComparison.Ordinal);
        Assert.Contains(CloudMarker, received[1], StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateMarker, received[1], StringComparison.Ordinal);
        Assert.Contains(PrivateMarker, received[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MetadataLocusMemory_SelectsLikeTheHeaderAndIsNotForwarded()
    {
        await using var node = await StartAsync("memory:\n  inject: on_request");
        using var response = await node.ChatAsync("What is the capital of France?", metadata: new Dictionary<string, string> { ["locus_memory"] = "secret-project" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = MemoryNode.Received(_device.Requests.Single());
        Assert.Contains(PrivateMarker, received, StringComparison.Ordinal);
        Assert.DoesNotContain(CloudMarker, received, StringComparison.Ordinal);
        Assert.DoesNotContain("locus_memory", received, StringComparison.Ordinal);
        Assert.DoesNotContain("locus.memory", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MalformedMemoryHeaderOrField_400NamingIt()
    {
        await using var node = await StartAsync();
        using var response = await node.ChatAsync("hi", headers: new Dictionary<string, string> { ["x-locus-memory"] = "notes,,x" });

        using var field = await node.ChatAsync("hi", metadata: new Dictionary<string, string> { ["locus_memory"] = "notes,,x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x-locus-memory", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, field.StatusCode);
        Assert.Contains("metadata.locus_memory", await field.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_device.Requests);
    }

    [Fact]
    public async Task Ledger_AfterMemoryRequests_RowsKeepNoMemoryText()
    {
        await using var node = await StartAsync();
        using (await node.ChatAsync(HardPrompt))
        using (await node.ChatAsync("What is the capital of France?"))
        {
        }

        var rows = await node.Node.Ledger!.RecentAsync(10);
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var stored = string.Join("\n", row.Reasons) + row.Prompt;
            Assert.Contains("memory:", stored, StringComparison.Ordinal);
            Assert.DoesNotContain(PrivateMarker, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(CloudMarker, stored, StringComparison.Ordinal);
        }
    }
}
