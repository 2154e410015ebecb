using System.Buffers;
using System.Text;
using Locus.Wire.Anthropic;
using Locus.Wire.OpenAI;
using Locus.Wire.Sse;

namespace Locus.Wire.Tests.Sse;

public sealed class SseFramesTests
{
    [Fact]
    public void Data_Event_AndDone_AreFramedAsTheAPIsSendThem()
    {
        var output = new ArrayBufferWriter<byte>();

        SseFrames.WriteData(output, new OpenAIErrorEnvelope { Error = new() { Message = "é <b>", Type = "t" } }, OpenAIJson.ErrorEnvelope);
        SseFrames.WriteEvent(output, "ping", PingEvent.Instance, AnthropicJson.Ping);
        SseFrames.WriteDone(output);

        Assert.Equal(
            "data: {\"error\":{\"message\":\"é <b>\",\"type\":\"t\",\"param\":null,\"code\":null}}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\ndata: [DONE]\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void IsDone_OnlyTheExactMarker()
    {
        Assert.True(SseFrames.IsDone("[DONE]"u8));
        Assert.False(SseFrames.IsDone("[DONE] "u8));
        Assert.False(SseFrames.IsDone("{}"u8));
    }
}
