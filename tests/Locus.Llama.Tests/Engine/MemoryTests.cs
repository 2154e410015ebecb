using Locus.Core.Configuration;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

[Collection(IsolatedCollection.Name)]
public sealed class MemoryTests
{
    [ModelFact]
    public async Task CancelledRequests_HundredInARow_KeepRssWithinFivePercent()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, new LlamaOptions { Threads = 2, ContextSize = 4096 });
        var options = new ChatOptions { Temperature = 0.8f };

        async Task CancelOne()
        {
            await foreach (var update in loaded.Text.CompleteStreamingAsync("Once upon a time", options))
            {
                break;
            }
        }

        for (var i = 0; i < 20; i++)
        {
            await CancelOne(); // warm-up: JIT, pools, allocator high-water marks
        }

        var before = ProcessMemory.Rss();
        for (var i = 0; i < 100; i++)
        {
            await CancelOne();
        }

        var after = ProcessMemory.Rss();
        Assert.True(after <= before * 1.05, $"RSS grew from {before / 1e6:F1} MB to {after / 1e6:F1} MB over 100 cancelled requests");
    }

}
