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

    [Fact]
    public void Pieces_PassedOnAsDeltas_OpeningOnceTheNameIsKnown()
    {
        var tools = new ToolCallAssembler();

        Assert.Null(tools.Start(5, "a", null));
        Assert.Null(tools.Append(5, "{\"x\""));
        var opening = tools.Start(5, null, "f");
        var piece = tools.Append(5, ":1}");
        var second = tools.Start(9, "b", "g");
        Assert.Null(tools.Append(5, ""));

        Assert.NotNull(opening);
        Assert.Equal((0, "a", "f", "{\"x\""), (opening.Index, opening.CallId, opening.Name, opening.ArgumentsDelta));
        Assert.Equal((0, null, null, ":1}"), (piece!.Index, piece.CallId, piece.Name, piece.ArgumentsDelta));
        Assert.Equal((1, "b", "g", ""), (second!.Index, second.CallId, second.Name, second.ArgumentsDelta));
        var whole = tools.Complete(5);
        Assert.Equal("{\"x\":1}", Locus.Core.Abstractions.ToolCallJson.ArgumentsJson(whole));
    }
}
