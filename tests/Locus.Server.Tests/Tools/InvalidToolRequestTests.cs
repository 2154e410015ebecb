using System.Net;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>Bad tool definitions, choices and tool turns on /v1/chat/completions: each a 400 naming the field, before any model runs.</summary>
public sealed class InvalidToolRequestTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    private const string Fn = """{"type":"function","function":{"name":"f"}}""";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // tools
        { "tools not an array", """ "tools":{} """, "tools", "invalid_type" },
        { "tool not an object", """ "tools":["f"] """, "tools[0]", "invalid_type" },
        { "tool type missing", """ "tools":[{"function":{"name":"f"}}] """, "tools[0].type", "missing_required_parameter" },
        { "tool type custom", """ "tools":[{"type":"custom","custom":{"name":"f"}}] """, "tools[0].type", "unsupported_value" },
        { "function missing", """ "tools":[{"type":"function"}] """, "tools[0].function", "missing_required_parameter" },
        { "function name missing", """ "tools":[{"type":"function","function":{}}] """, "tools[0].function.name", "missing_required_parameter" },
        { "function name with spaces", """ "tools":[{"type":"function","function":{"name":"get weather"}}] """, "tools[0].function.name", "invalid_value" },
        { "function name too long", $$$""" "tools":[{"type":"function","function":{"name":"{{{new string('a', 65)}}}"}}] """, "tools[0].function.name", "invalid_value" },
        { "function names repeated", $""" "tools":[{Fn},{Fn}] """, "tools[1].function.name", "invalid_value" },
        { "description a number", """ "tools":[{"type":"function","function":{"name":"f","description":1}}] """, "tools[0].function.description", "invalid_type" },
        { "parameters a string", """ "tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}] """, "tools[0].function.parameters", "invalid_type" },
        { "parameters of type string", """ "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"string"}}}] """, "tools[0].function.parameters.type", "invalid_value" },
        { "strict a string", """ "tools":[{"type":"function","function":{"name":"f","strict":"yes"}}] """, "tools[0].function.strict", "invalid_type" },
        { "too many tools", $""" "tools":[{string.Join(',', Enumerable.Range(0, 129).Select(i => $$$"""{"type":"function","function":{"name":"f{{{i}}}"}}"""))}] """, "tools", "invalid_value" },
        { "parallel_tool_calls a string", """ "parallel_tool_calls":"no" """, "parallel_tool_calls", "invalid_type" },

        // tool_choice
        { "tool_choice unknown word", $""" "tools":[{Fn}],"tool_choice":"always" """, "tool_choice", "invalid_value" },
        { "tool_choice required without tools", """ "tool_choice":"required" """, "tool_choice", "invalid_value" },
        { "tool_choice a number", $""" "tools":[{Fn}],"tool_choice":1 """, "tool_choice", "invalid_type" },
        { "tool_choice unknown function", $$$""" "tools":[{{{Fn}}}],"tool_choice":{"type":"function","function":{"name":"g"}} """, "tool_choice.function.name", "invalid_value" },
        { "tool_choice function without name", $$$""" "tools":[{{{Fn}}}],"tool_choice":{"type":"function","function":{}} """, "tool_choice.function.name", "missing_required_parameter" },
        { "legacy functions", """ "functions":[{"name":"f"}] """, "functions", "unsupported_parameter" },

        // response_format
        { "response_format a string", """ "response_format":"json_object" """, "response_format", "invalid_type" },
        { "response_format without type", """ "response_format":{} """, "response_format.type", "missing_required_parameter" },
        { "response_format type a number", """ "response_format":{"type":1} """, "response_format.type", "invalid_type" },
        { "response_format type unknown", """ "response_format":{"type":"json"} """, "response_format.type", "invalid_value" },
        { "json_schema missing", """ "response_format":{"type":"json_schema"} """, "response_format.json_schema", "missing_required_parameter" },
        { "json_schema a string", """ "response_format":{"type":"json_schema","json_schema":"{}"} """, "response_format.json_schema", "invalid_type" },
        { "json_schema name missing", """ "response_format":{"type":"json_schema","json_schema":{"schema":{}}} """, "response_format.json_schema.name", "missing_required_parameter" },
        { "json_schema name empty", """ "response_format":{"type":"json_schema","json_schema":{"name":"","schema":{}}} """, "response_format.json_schema.name", "invalid_value" },
        { "json_schema name with spaces", """ "response_format":{"type":"json_schema","json_schema":{"name":"my schema","schema":{}}} """, "response_format.json_schema.name", "invalid_value" },
        { "json_schema name with a dot", """ "response_format":{"type":"json_schema","json_schema":{"name":"a.b","schema":{}}} """, "response_format.json_schema.name", "invalid_value" },
        { "json_schema name too long", $$$$""" "response_format":{"type":"json_schema","json_schema":{"name":"{{{{new string('n', 65)}}}}","schema":{}}} """, "response_format.json_schema.name", "invalid_value" },
        { "json_schema name a number", """ "response_format":{"type":"json_schema","json_schema":{"name":7,"schema":{}}} """, "response_format.json_schema.name", "invalid_type" },
        { "json_schema description a number", """ "response_format":{"type":"json_schema","json_schema":{"name":"r","description":1,"schema":{}}} """, "response_format.json_schema.description", "invalid_type" },
        { "json_schema schema missing", """ "response_format":{"type":"json_schema","json_schema":{"name":"r"}} """, "response_format.json_schema.schema", "missing_required_parameter" },
        { "json_schema schema a string", """ "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":"{}"}} """, "response_format.json_schema.schema", "invalid_type" },
        { "json_schema schema an array", """ "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":[]}} """, "response_format.json_schema.schema", "invalid_type" },
        { "json_schema schema a number", """ "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":1}} """, "response_format.json_schema.schema", "invalid_type" },
        { "json_schema strict a string", """ "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{},"strict":"true"}} """, "response_format.json_schema.strict", "invalid_type" },

        // tool turns
        { "tool_calls not an array", """ "messages":[{"role":"assistant","tool_calls":{}}] """, "messages[0].tool_calls", "invalid_type" },
        { "tool call without id", """ "messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}] """, "messages[0].tool_calls[0].id", "missing_required_parameter" },
        { "tool call without type", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","function":{"name":"f","arguments":"{}"}}]}] """, "messages[0].tool_calls[0].type", "missing_required_parameter" },
        { "tool call without function", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function"}]}] """, "messages[0].tool_calls[0].function", "missing_required_parameter" },
        { "tool call arguments an object", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":{}}}]}] """, "messages[0].tool_calls[0].function.arguments", "invalid_type" },
        { "tool call arguments not JSON", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"{city:"}}]}] """, "messages[0].tool_calls[0].function.arguments", "invalid_value" },
        { "tool call arguments an array", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"[1]"}}]}] """, "messages[0].tool_calls[0].function.arguments", "invalid_value" },
        { "tool message without id", """ "messages":[{"role":"tool","content":"x"}] """, "messages[0].tool_call_id", "missing_required_parameter" },
        { "tool message answering no call", """ "messages":[{"role":"tool","tool_call_id":"1","content":"x"}] """, "messages[0].tool_call_id", "invalid_value" },
        { "tool message without content", """ "messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"1"}] """, "messages[1].content", "missing_required_parameter" },
        { "function role", """ "messages":[{"role":"function","name":"f","content":"x"}] """, "messages[0].role", "unsupported_value" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Chat_InvalidToolField_Gets400NamingIt(string name, string fields, string param, string code)
    {
        var reachedBefore = fixture.Catalog.Reached;
        // A "messages" member in the case replaces the default one.
        var json = fields.Contains("\"messages\"", StringComparison.Ordinal)
            ? $$"""{"model":"test-model",{{fields}}}"""
            : $$"""{"model":"test-model","messages":[{"role":"user","content":"hi"}],{{fields}}}""";

        using var response = await fixture.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", json));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, param, code);
        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
    }
}
