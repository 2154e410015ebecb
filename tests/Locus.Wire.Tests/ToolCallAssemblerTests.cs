using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Wire.Tests;

public sealed class ToolCallAssemblerTests
{
    [Fact]
    public void Pieces_ComeOutWholeInIndexOrder()
    {
        var tools = new ToolCallAssembler();
        tools.Start(1, "b", "g");
        tools.Append(1, "{\"y\":");
        tools.Start(0, "a", null);
        tools.Append(0, "{\"x\":1}");
        tools.Start(0, null, "f");
        tools.Append(1, "2}");

        var calls = tools.CompleteAll().Cast<FunctionCallContent>().ToList();

        Assert.True(tools.IsEmpty);
        Assert.Equal(["a", "b"], calls.Select(c => c.CallId));
        Assert.Equal(["f", "g"], calls.Select(c => c.Name));
        Assert.Equal(2, ((JsonElement)calls[1].Arguments!["y"]!).GetInt32());
    }

    [Fact]
    public void ArgumentsWithoutStart_StillMakeACall()
    {
        var tools = new ToolCallAssembler();
        tools.Append(3, "{}");

        Assert.True(tools.Contains(3));
        var call = tools.Complete(3);
        Assert.Equal(("", ""), (call.CallId, call.Name));
        Assert.False(tools.Contains(3));
    }
}
