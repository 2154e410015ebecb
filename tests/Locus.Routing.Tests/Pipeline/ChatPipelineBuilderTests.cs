using Locus.Routing.Pipeline;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests.Pipeline;

public sealed class ChatPipelineBuilderTests
{
    [Fact]
    public async Task Build_ThreeSteps_FirstAddedRunsOutermost()
    {
        var order = new List<string>();
        var pipeline = new ChatPipelineBuilder(new ScriptedClient())
            .Use(inner => new Recording(inner, "a", order))
            .UseIf(false, inner => new Recording(inner, "skipped", order))
            .Use(inner => new Recording(inner, "b", order))
            .UseIf(true, inner => new Recording(inner, "c", order))
            .Build();

        await pipeline.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal(["a", "b", "c"], order);
    }

    [Fact]
    public void Build_NoSteps_IsTheInnerClient()
    {
        var inner = new ScriptedClient();
        Assert.Same(inner, new ChatPipelineBuilder(inner).Build());
    }

    private sealed class Recording(IChatClient inner, string name, List<string> order) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            order.Add(name);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
