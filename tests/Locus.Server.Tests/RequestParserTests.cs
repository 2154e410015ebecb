using System.Text;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Server.Endpoints;
using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary>What a valid request becomes: the messages and ChatOptions a model receives.</summary>
public sealed class RequestParserTests
{
    [Fact]
    public void Chat_AllSamplingFields_MapToChatOptions()
    {
        var request = Chat("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0.5,"top_p":0.9,"top_k":40,"min_p":0.05,
             "max_tokens":99,"seed":12345678901,"stop":"END","frequency_penalty":0.25,"presence_penalty":-0.5,"repetition_penalty":1.1}
            """);
        var o = request.Options;

        Assert.Equal("m", o.ModelId);
        Assert.Equal(0.5f, o.Temperature);
        Assert.Equal(0.9f, o.TopP);
        Assert.Equal(40, o.TopK);
        Assert.Equal(99, o.MaxOutputTokens);
        Assert.Equal(12345678901L, o.Seed);
        Assert.Equal(["END"], o.StopSequences!);
        Assert.Equal(0.25f, o.FrequencyPenalty);
        Assert.Equal(-0.5f, o.PresencePenalty);
        Assert.Equal(0.05f, o.AdditionalProperties![LocusChatOptions.MinP]);
        Assert.Equal(1.1f, o.AdditionalProperties![LocusChatOptions.RepetitionPenalty]);
        Assert.False(request.Stream.Stream);
    }

    [Fact]
    public void Chat_NoOptionalFields_LeavesDefaultsToTheModel()
    {
        var o = Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":null,"stop":[]}""").Options;

        Assert.Null(o.Temperature);
        Assert.Null(o.MaxOutputTokens);
        Assert.Null(o.StopSequences);
        Assert.Null(o.AdditionalProperties);
    }

    [Theory]
    [InlineData(""","max_tokens":10,"max_completion_tokens":20""", 20)]
    [InlineData(""","max_tokens":10""", 10)]
    [InlineData(""","max_completion_tokens":16.0""", 16)]
    [InlineData(""","max_tokens":1e3""", 1000)]
    public void Chat_MaxTokens_NewerNameWinsAndIntegralNumbersCount(string extra, int expected)
    {
        var o = Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}]""" + extra + "}").Options;

        Assert.Equal(expected, o.MaxOutputTokens);
    }

    [Fact]
    public void Chat_Messages_MapRolesPartsAndNames()
    {
        var messages = Chat("""
            {"model":"m","messages":[{"role":"developer","content":"rules"},{"role":"system","content":"more"},
             {"role":"user","name":"ann","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
             {"role":"assistant","content":"ok","tool_calls":[]}]}
            """).Messages;

        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant], messages.Select(m => m.Role));
        Assert.Equal("ab", messages[2].Text);
        Assert.Equal(2, messages[2].Contents.Count);
        Assert.Equal("ann", messages[2].AuthorName);
        Assert.Equal("ok", messages[3].Text);
    }

    [Fact]
    public void Chat_StreamOptions_IncludeUsageRead()
    {
        var request = Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""");

        Assert.Equal(new StreamSettings(true, true), request.Stream);
    }

    [Theory]
    [InlineData("\"once\"", "once")]
    [InlineData("[\"once\"]", "once")]
    [InlineData("\"\"", "")]
    public void Completion_Prompt_StringOrSingleElementArray(string prompt, string expected)
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetBytes("{\"model\":\"m\",\"prompt\":" + prompt + ",\"max_tokens\":5}"));

        var request = CompletionRequest.Parse(doc.RootElement);

        Assert.Equal(expected, request.Prompt);
        Assert.Equal(5, request.Options.MaxOutputTokens);
    }

    [Fact]
    public void Completion_MaxCompletionTokens_IsNotAChatAlias()
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetBytes("""{"model":"m","prompt":"p","max_completion_tokens":5}"""));

        Assert.Null(CompletionRequest.Parse(doc.RootElement).Options.MaxOutputTokens);
    }

    [Fact]
    public void Body_WithUtf8Bom_Parses()
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"a":1}""")).ToArray());

        Assert.Equal(1, doc.RootElement.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Chat_FirstProblemReported_NamesField()
    {
        var e = Assert.Throws<LocusException>(() => Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"top_k":-5}"""));

        Assert.Equal(LocusErrorKind.InvalidRequest, e.Error.Kind);
        Assert.Equal("top_k", e.Error.Param);
        Assert.Contains("-5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_ResponseFormatJsonSchema_KeepsNameDescriptionSchemaAndStrict()
    {
        var options = Chat("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"answer-v2_x","description":"The answer","strict":true,
               "schema":{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"number"}},"required":["z","a"],"additionalProperties":false}}}}
            """).Options;

        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal(("answer-v2_x", "The answer"), (format.SchemaName, format.SchemaDescription));
        Assert.Equal("""{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"number"}},"required":["z","a"],"additionalProperties":false}""",
            format.Schema!.Value.GetRawText());
        Assert.True(Locus.Wire.ResponseFormats.Strict(options));
    }

    [Theory]
    [InlineData("""{"type":"json_object"}""", true)]
    [InlineData("""{"type":"text"}""", false)]
    public void Chat_ResponseFormatWithoutSchema_JsonOrText(string value, bool json)
    {
        var options = Chat($$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{{value}}}""").Options;

        if (json)
        {
            Assert.Null(Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat).Schema);
        }
        else
        {
            Assert.IsType<ChatResponseFormatText>(options.ResponseFormat);
        }

        Assert.Null(Locus.Wire.ResponseFormats.Strict(options));
    }

    [Fact]
    public void Chat_BooleanSchema_Accepted()
    {
        var options = Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"any","schema":true}}}""").Options;

        Assert.Equal(System.Text.Json.JsonValueKind.True, Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat).Schema!.Value.ValueKind);
    }

    [Fact]
    public void Chat_ToolStrict_KeptOnTheDeclaration()
    {
        var options = Chat("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"f","strict":false}},{"type":"function","function":{"name":"g","parameters":{"type":"object"},"strict":true}}]}
            """).Options;

        Assert.Equal([false, true], options.Tools!.Select(Locus.Wire.ToolSchemas.Strict));
    }

    private static ChatRequest Chat(string json)
    {
        using var doc = RequestBody.Parse(Encoding.UTF8.GetBytes(json));
        return ChatRequest.Parse(doc.RootElement);
    }
}
