using System.Net;
using System.Net.Http.Json;
using Locus.Server.Tests.Routing;

namespace Locus.Server.Tests.Mesh;

/// <summary>
/// Memory in use across the mesh: documents written on one device, synced to another, injected there by policy — every
/// document into on-device targets, only cloud-scoped ones into the cloud (real upstreams record what they receive).
/// </summary>
public sealed class MeshMemoryTests : IAsyncLifetime
{
    private const string PrivateMarker = "KESTREL-PRIVATE-5512";
    private const string CloudMarker = "MAPLE-SHAREABLE-7781";
    private const string HardPrompt = MemoryEndToEndTests.HardPrompt;

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

    [Fact]
    public async Task Chat_MemoryWrittenOnPeer_InjectedHereAndOnlyCloudScopedLeaves()
    {
        await using var laptop = await MeshServer.StartAsync("laptop", targets: $"""
            targets:
              - name: device
                kind: openai
                base_url: {_device.BaseUrl}
                model: device-model
                on_device: true
                max_retries: 0
              - name: cloud
                kind: openai
                base_url: {_cloud.BaseUrl}
                model: frontier
                max_retries: 0
            routing:
              fast: device
              cloud: [cloud]
            memory:
              inject: always
            """);
        await using var phone = await MeshServer.StartAsync("phone");
        await laptop.PairWithAsync(phone);
        await phone.WriteMemoryAsync("project", $"Codename {PrivateMarker}.", scope: "devices");
        await phone.WriteMemoryAsync("prefs", $"Answers in metric units. {CloudMarker}.", scope: "cloud");
        await phone.PostAsync("/v1/mesh/sync", null);

        using var hard = await ChatAsync(laptop, HardPrompt);
        using var easy = await ChatAsync(laptop, "What is the capital of France?");

        Assert.Equal(HttpStatusCode.OK, hard.StatusCode);
        var cloud = MemoryNode.Received(_cloud.Requests.Single());
        Assert.Contains(CloudMarker, cloud, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateMarker, cloud, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, easy.StatusCode);
        var device = MemoryNode.Received(_device.Requests.Single());
        Assert.Contains(CloudMarker, device, StringComparison.Ordinal);
        Assert.Contains(PrivateMarker, device, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ChatAsync(MeshServer node, string prompt) =>
        node.Api.PostAsJsonAsync("/v1/chat/completions", new { model = "auto", messages = new[] { new { role = "user", content = prompt } }, max_tokens = 16 });
}
