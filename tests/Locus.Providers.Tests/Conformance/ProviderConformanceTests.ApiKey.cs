using System.Diagnostics;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

// The API key: sent in the protocol's header, never in messages or logs.
public abstract partial class ProviderConformanceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApiKey_IsSentInTheProtocolsHeader(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { RequiredApiKey = Key };

        var response = await AskAsync(Client(o => o with { ApiKey = Key }), Chat.User("x"), stream);

        Assert.Equal("echo: x", response.Text);
        Assert.Equal(Key, SentApiKey(Assert.Single(Server.Requests)));
    }

    [Fact]
    public async Task ApiKey_Rejected_UpstreamFailedWithAFix_AndTheKeyAppearsNowhere()
    {
        Server.Behavior = new UpstreamBehavior { RequiredApiKey = "sk-the-right-one", ErrorMessage = $"Incorrect API key provided: {Key}" };

        var error = await Chat.FailsAsync(() => Client(o => o with { ApiKey = Key }).GetResponseAsync(Chat.User("x")));

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Contains("test-target", error.Message, StringComparison.Ordinal);
        Assert.Contains("api_key_env", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests); // a wrong key stays wrong
        Assert.NotEmpty(Logs.Entries);
        Assert.DoesNotContain(Key, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_NeverInLogsOrMessages_AcrossFailures()
    {
        var client = Client(o => o with { ApiKey = Key, MaxRetries = 1, Timeout = TimeSpan.FromMilliseconds(200) });
        var messages = new List<string>();
        foreach (var behavior in new[]
        {
            new UpstreamBehavior { Status = 500, ErrorMessage = "key was " + Key },
            new UpstreamBehavior { Status = 400, ErrorMessage = "bad key " + Key },
            new UpstreamBehavior { DelayBeforeHeaders = TimeSpan.FromSeconds(5) },
            new UpstreamBehavior { DropStreamAfterChunks = 1 },
        })
        {
            Server.Behavior = behavior;
            messages.Add((await Chat.FailsAsync(() => Chat.CollectAsync(client.GetStreamingResponseAsync(Chat.User("x"))))).Message);
        }

        Server.Behavior = new UpstreamBehavior();
        await client.GetResponseAsync(Chat.User("fine"));
        Assert.All(messages, m => Assert.DoesNotContain(Key, m, StringComparison.Ordinal));
        Assert.Contains(Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace); // even Trace is captured
        Assert.DoesNotContain(Key, Logs.AllText, StringComparison.Ordinal);
    }
}
