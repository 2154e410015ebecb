using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Units;

public sealed class ChatProvidersTests
{
    public static TheoryData<string, Func<ProviderOptions, ProviderOptions>> BadOptions => new()
    {
        { "base_url", o => o with { BaseUrl = new Uri("ftp://example.com/v1") } },
        { "timeout", o => o with { Timeout = TimeSpan.Zero } },
        { "idle timeout", o => o with { IdleTimeout = TimeSpan.FromSeconds(-1) } },
        { "max retries", o => o with { MaxRetries = -1 } },
        { "breaker threshold", o => o with { BreakerFailureThreshold = -1 } },
        { "break duration", o => o with { BreakDuration = TimeSpan.Zero } },
        { "default max tokens", o => o with { DefaultMaxTokens = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Create_OutOfRangeOption_ThrowsNamingTheTargetAndOption(string option, Func<ProviderOptions, ProviderOptions> change)
    {
        var e = Assert.Throws<ArgumentException>(() => ChatProviders.Create(change(ErrorBodyTests.Options())));

        Assert.Contains("'unit'", e.Message, StringComparison.Ordinal);
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithHandler_SendsThroughIt_AndLeavesItUndisposed()
    {
        await using var server = await UpstreamServer.StartAsync();
        using var handler = new SocketsHttpHandler();
        var options = ErrorBodyTests.Options() with { BaseUrl = server.BaseUrl };

        using (var client = ChatProviders.Create(options, handler))
        {
            Assert.Equal("echo: hi", (await client.GetResponseAsync(Chat.User("hi"))).Text);
        }

        using var reuse = ChatProviders.Create(options, handler);

        Assert.Equal("echo: again", (await reuse.GetResponseAsync(Chat.User("again"))).Text);
    }

    [Fact]
    public async Task BaseUrl_WithTrailingSlash_PostsToTheSamePath()
    {
        await using var server = await UpstreamServer.StartAsync();
        using var client = ChatProviders.Create(ErrorBodyTests.Options() with { BaseUrl = new Uri(server.BaseUrl + "/") });

        await client.GetResponseAsync(Chat.User("x"));

        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }
}
