using System.Diagnostics;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

// The per-target circuit breaker and the health it reports.
public abstract partial class ProviderConformanceTests
{
    [Fact]
    public async Task Circuit_OpensAfterThreshold_FailsFastWithoutARequest_ThenClosesAfterBreak()
    {
        var clock = new ManualClock();
        var client = Client(o => o with { MaxRetries = 0, BreakerFailureThreshold = 3, BreakDuration = TimeSpan.FromSeconds(30) }, clock);
        var health = Assert.IsAssignableFrom<ITargetHealth>(client.GetService(typeof(ITargetHealth)));
        Server.Behavior = new UpstreamBehavior { Status = 503 };
        for (var i = 0; i < 3; i++)
        {
            Assert.True(health.Current.Available, $"available before failure {i + 1}");
            await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")));
        }

        Server.Behavior = new UpstreamBehavior();
        var rejected = await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")));

        Assert.Equal(LocusErrorKind.Unavailable, rejected.Kind);
        Assert.Equal("circuit_open", rejected.Code);
        Assert.Contains("test-target", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(3, Server.Requests.Count); // failed fast: no request reached the upstream
        Assert.False(health.Current.Available);
        Assert.Contains("3 consecutive failures", health.Current.Reason, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(health.Current.Available); // half-open: the router may send the trial call
        Assert.Equal("echo: x", (await client.GetResponseAsync(Chat.User("x"))).Text);
        Assert.Equal(4, Server.Requests.Count);
        Assert.Equal(TargetHealthState.Healthy, health.Current);
    }

    [Fact]
    public async Task Circuit_TrialCallFails_OpensAgain()
    {
        var clock = new ManualClock();
        var client = Client(o => o with { MaxRetries = 0, BreakerFailureThreshold = 1, BreakDuration = TimeSpan.FromSeconds(10) }, clock);
        var health = (ITargetHealth)client.GetService(typeof(ITargetHealth))!;
        Server.Behavior = new UpstreamBehavior { Status = 502 };
        await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")));
        clock.Advance(TimeSpan.FromSeconds(11));

        var trial = await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")));
        var next = await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")));

        Assert.Equal(LocusErrorKind.UpstreamFailed, trial.Kind);
        Assert.Equal("circuit_open", next.Code);
        Assert.Equal(2, Server.Requests.Count);
        Assert.False(health.Current.Available);
    }

    [Fact]
    public async Task Circuit_RequestErrorsDoNotCount()
    {
        var client = Client(o => o with { BreakerFailureThreshold = 2 });
        Server.Behavior = new UpstreamBehavior { Status = 400 };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LocusErrorKind.InvalidRequest, (await Chat.FailsAsync(() => client.GetResponseAsync(Chat.User("x")))).Kind);
        }

        Assert.True(((ITargetHealth)client.GetService(typeof(ITargetHealth))!).Current.Available);
        Assert.Equal(4, Server.Requests.Count);
    }
}
