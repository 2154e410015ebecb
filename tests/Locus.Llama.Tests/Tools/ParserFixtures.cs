using Locus.Llama.Tools;
using static Locus.Llama.Tests.Tools.ParserHarness;

namespace Locus.Llama.Tests.Tools;

/// <summary>
/// Model outputs and what the parser must find in them. The "upstream" cases restate the example outputs that
/// llama.cpp's tests/test-chat.cpp checks for each family (special_function with {"arg1": 1}, get_time, …).
/// </summary>
internal static class ParserFixtures
{
    internal sealed record Case(string Name, ToolCallFormat Format, string Output, ParsedEvent[] Expected)
    {
        public override string ToString() => Name;
    }

    private const string Arg1 = "{\"arg1\": 1}";

    public static IReadOnlyList<Case> All { get; } =
    [
        // Hermes 2 Pro / Hermes 3 / Qwen 2.5 / MiMo (upstream)
        new("hermes-call", ToolCallFormat.Hermes,
            "<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}</tool_call>",
            Call(0, "special_function", Arg1)),
        new("hermes-content-then-call", ToolCallFormat.Hermes,
            "Hello, world!\nWhat's up?<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}</tool_call>",
            [new TextDelta("Hello, world!\nWhat's up?"), .. Call(0, "special_function", Arg1)]),
        new("qwen-call-newlines", ToolCallFormat.Hermes,
            "<tool_call>\n{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}\n</tool_call>",
            Call(0, "special_function", Arg1)),
        new("hermes-content-only", ToolCallFormat.Hermes, "Hello, world!\nWhat's up?", [new TextDelta("Hello, world!\nWhat's up?")]),
        new("hermes-parallel", ToolCallFormat.Hermes,
            "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n"
            + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"units\":[\"c\"]}}\n</tool_call>\n",
            [.. Call(0, "get_time", "{\"city\": \"Paris\"}"), .. Call(1, "get_weather", "{\"city\":\"Paris\",\"units\":[\"c\"]}")]),
        new("hermes-name-after-arguments", ToolCallFormat.Hermes,
            "<tool_call>{\"arguments\": {\"q\": \"a}b{\\\"c\"}, \"name\": \"search\"}</tool_call>",
            Call(0, "search", "{\"q\": \"a}b{\\\"c\"}")),
        new("hermes-text-after-call", ToolCallFormat.Hermes,
            "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>\n\nDone.",
            [.. Call(0, "f", "{}"), new TextDelta("\n\nDone.")]),
        new("hermes-not-an-opener", ToolCallFormat.Hermes, "a <toolbox> and <tool_cal", [new TextDelta("a <toolbox> and <tool_cal")]),
        new("hermes-arguments-as-string", ToolCallFormat.Hermes,
            "<tool_call>{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}</tool_call>",
            Call(0, "f", "{\"a\": 1}")),
        new("hermes-cut-off", ToolCallFormat.Hermes,
            "Sure.<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": \"hel",
            [new TextDelta("Sure."), new CallStarted(0, "f"), new ArgumentsDelta(0, "{\"a\": \"hel"),
                new MalformedCall(0, "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": \"hel", "the output ended inside a tool call")]),
        new("hermes-broken-then-text", ToolCallFormat.Hermes,
            "<tool_call>oops</tool_call>after",
            [new MalformedCall(null, "<tool_call>oops</tool_call>", "expected '{' to open the call, found 'o'"), new TextDelta("after")]),

        // Mistral Nemo (upstream)
        new("mistral-nemo-call", ToolCallFormat.MistralJsonArray,
            "[TOOL_CALLS][{\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}, \"id\": \"123456789\"}]",
            Call(0, "special_function", Arg1, "123456789")),
        new("mistral-nemo-parallel", ToolCallFormat.MistralJsonArray,
            "[TOOL_CALLS][{\"name\": \"a\", \"arguments\": {\"x\": 1}, \"id\": \"000000001\"}, {\"name\": \"b\", \"arguments\": {}, \"id\": \"000000002\"}]",
            [.. Call(0, "a", "{\"x\": 1}", "000000001"), .. Call(1, "b", "{}", "000000002")]),

        // Mistral Small 3.2 (upstream), Devstral (upstream)
        new("mistral-small-call", ToolCallFormat.MistralNamedArgsWithId,
            "[TOOL_CALLS]special_function[CALL_ID]123456789[ARGS]{\"arg1\": 1}",
            Call(0, "special_function", Arg1, "123456789")),
        new("mistral-small-parallel", ToolCallFormat.MistralNamedArgsWithId,
            "[TOOL_CALLS]special_function[CALL_ID]000000001[ARGS]{\"arg1\": 1}"
            + "[TOOL_CALLS]special_function_with_opt[CALL_ID]000000002[ARGS]{\"arg1\": 1, \"arg2\": 2}",
            [.. Call(0, "special_function", Arg1, "000000001"), .. Call(1, "special_function_with_opt", "{\"arg1\": 1, \"arg2\": 2}", "000000002")]),
        new("devstral-call", ToolCallFormat.MistralNamedArgs,
            "[TOOL_CALLS]special_function[ARGS]{\"arg1\": 1}", Call(0, "special_function", Arg1)),
        new("devstral-content-then-call", ToolCallFormat.MistralNamedArgs,
            "Hello, world!\nWhat's up?[TOOL_CALLS]special_function[ARGS]{\"arg1\": 1}",
            [new TextDelta("Hello, world!\nWhat's up?"), .. Call(0, "special_function", Arg1)]),

        new("mistral-small-writes-nemo-array", ToolCallFormat.MistralNamedArgsWithId,
            "[TOOL_CALLS][{\"name\": \"a\", \"arguments\": {}}]", Call(0, "a", "{}")),
        new("mistral-nemo-writes-named-form", ToolCallFormat.MistralJsonArray,
            "Sure.[TOOL_CALLS] a[ARGS] {\"x\": 1}\n", [new TextDelta("Sure."), .. Call(0, "a", "{\"x\": 1}")]),
        new("mistral-array-cut-after-a-call", ToolCallFormat.MistralJsonArray,
            "[TOOL_CALLS][{\"name\": \"a\", \"arguments\": {}}, ", Call(0, "a", "{}")),

        // DeepSeek R1 (upstream: llama-cpp-deepseek-r1 and the Qwen distill, after the reasoning)
        new("deepseek-r1-call", ToolCallFormat.DeepSeekR1,
            "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>special_function\n```json\n{\"arg1\": 1}```<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            Call(0, "special_function", Arg1)),
        new("deepseek-r1-template-shape-parallel", ToolCallFormat.DeepSeekR1,
            "Let me check.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>a\n```json\n{\"x\": 1}\n```<｜tool▁call▁end｜>\n"
            + "<｜tool▁call▁begin｜>function<｜tool▁sep｜>b\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            [new TextDelta("Let me check."), .. Call(0, "a", "{\"x\": 1}"), .. Call(1, "b", "{}")]),

        // DeepSeek V3.1 (upstream)
        new("deepseek-v31-call", ToolCallFormat.DeepSeekV31,
            "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{\"city\": \"XYZCITY\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            Call(0, "get_time", "{\"city\": \"XYZCITY\"}")),
        new("deepseek-v31-content-parallel", ToolCallFormat.DeepSeekV31,
            "CONTENT<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜>"
            + "<｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
            [new TextDelta("CONTENT"), .. Call(0, "get_time", "{\"city\": \"Paris\"}"), .. Call(1, "get_weather", "{\"city\": \"Paris\"}")]),

        // Llama 3.x (the shapes the 3.1/3.2/3.3 templates write; earlier llama.cpp tests used the same outputs)
        new("llama-json-call", ToolCallFormat.Llama3,
            "{\"name\": \"special_function\", \"parameters\": {\"arg1\": 1}}", Call(0, "special_function", Arg1)),
        new("llama-python-tag-json-call", ToolCallFormat.Llama3,
            "<|python_tag|>{\"name\": \"special_function\", \"parameters\": {\"arg1\": 1}}<|eom_id|>", Call(0, "special_function", Arg1)),
        new("llama-builtin-call", ToolCallFormat.Llama3,
            "<|python_tag|>python.call(code=\"print('hey')\")", Call(0, "python", "{\"code\":\"print('hey')\"}")),
        new("llama-builtin-search", ToolCallFormat.Llama3,
            "<|python_tag|>brave_search.call(query=\"today's weather in Menlo Park\", count=3)",
            Call(0, "brave_search", "{\"query\":\"today's weather in Menlo Park\",\"count\":3}")),
        new("llama-type-first", ToolCallFormat.Llama3,
            "\n{\"type\": \"function\", \"name\": \"f\", \"parameters\": {\"a\": [1, 2]}}",
            Call(0, "f", "{\"a\": [1, 2]}")),
        new("llama-json-content-not-a-call", ToolCallFormat.Llama3,
            "{\"answer\": 42} is the JSON.", [new TextDelta("{\"answer\": 42} is the JSON.")]),
        new("llama-content", ToolCallFormat.Llama3, "Hello, world!\nWhat's up?", [new TextDelta("Hello, world!\nWhat's up?")]),
        new("llama-json-later-is-text", ToolCallFormat.Llama3,
            "Use {\"name\": \"x\", \"parameters\": {}} like this.", [new TextDelta("Use {\"name\": \"x\", \"parameters\": {}} like this.")]),
        new("llama-two-calls", ToolCallFormat.Llama3,
            "{\"name\": \"a\", \"parameters\": {}}\n{\"name\": \"b\", \"parameters\": {\"n\": -1.5e3}}",
            [.. Call(0, "a", "{}"), .. Call(1, "b", "{\"n\": -1.5e3}")]),

        // Generic (earlier llama.cpp tests' generic outputs)
        new("generic-single-call", ToolCallFormat.Generic,
            "{\"tool_call\": {\"name\": \"special_function\", \"arguments\": {\"arg1\": 1}}}", Call(0, "special_function", Arg1)),
        new("generic-calls", ToolCallFormat.Generic,
            "{\n  \"tool_calls\": [\n    {\"name\": \"a\", \"arguments\": {\"x\": \"y\"}},\n    {\"arguments\": {}, \"name\": \"b\", \"id\": \"call_1\"}\n  ]\n}",
            [.. Call(0, "a", "{\"x\": \"y\"}"), .. Call(1, "b", "{}", "call_1")]),
        new("generic-response", ToolCallFormat.Generic,
            "{\n  \"response\": \"Hello, world!\\nWhat's up? \\u00e9\\ud83d\\ude00\"\n}", [new TextDelta("Hello, world!\nWhat's up? é😀")]),
        new("generic-unconstrained-text", ToolCallFormat.Generic, "Plain answer {not json}", [new TextDelta("Plain answer {not json}")]),
        new("generic-cut-off", ToolCallFormat.Generic,
            "{\"tool_calls\": [{\"name\": \"a\", \"arguments\": {\"x\": 1",
            [new CallStarted(0, "a"), new ArgumentsDelta(0, "{\"x\": 1"),
                new MalformedCall(0, "{\"tool_calls\": [{\"name\": \"a\", \"arguments\": {\"x\": 1", "the output ended inside a tool call")]),
    ];
}
