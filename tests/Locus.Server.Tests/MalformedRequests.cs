using System.Text;

namespace Locus.Server.Tests;

/// <summary>
/// Bad requests and the exact 4xx each must get: (name, method, path, body, content type, status, param, code).
/// Limit for the 413 row: <see cref="MalformedRequestTests.MaxBodyBytes"/>.
/// </summary>
public static class MalformedRequests
{
    private const string Chat = "/v1/chat/completions";
    private const string Text = "/v1/completions";
    private const string Json = "application/json";

    public static TheoryData<string, string, string, byte[], string?, int, string?, string?> All => new()
    {
        // Body, encoding, content type, size.
        { "empty body", "POST", Chat, [], Json, 400, null, "invalid_json" },
        { "truncated JSON", "POST", Chat, U("{\"model\":"), Json, 400, null, "invalid_json" },
        { "trailing garbage", "POST", Chat, U(ChatWith("") + "x"), Json, 400, null, "invalid_json" },
        { "invalid UTF-8", "POST", Chat, [.. U("{\"model\":\""), 0xFF, 0xFE, .. U("\"}")], Json, 400, null, "invalid_json" },
        { "duplicate key", "POST", Chat, U("{\"model\":\"test-model\",\"model\":\"x\",\"messages\":[]}"), Json, 400, null, "invalid_json" },
        { "nesting deeper than 64", "POST", Chat, U(new string('[', 100) + new string(']', 100)), Json, 400, null, "invalid_json" },
        { "root is an array", "POST", Chat, U("[]"), Json, 400, null, "invalid_type" },
        { "root is a string", "POST", Chat, U("\"hi\""), Json, 400, null, "invalid_type" },
        { "text/plain content type", "POST", Chat, U(ChatWith("")), "text/plain", 415, null, "unsupported_media_type" },
        { "form content type", "POST", Chat, U("model=test-model"), "application/x-www-form-urlencoded", 415, null, "unsupported_media_type" },
        { "latin-1 charset", "POST", Chat, U(ChatWith("")), "application/json; charset=iso-8859-1", 415, null, "unsupported_media_type" },
        { "body over the limit", "POST", Chat, U(ChatWith($",\"user\":\"{new string('x', MalformedRequestTests.MaxBodyBytes)}\"")), Json, 413, null, "request_too_large" },

        // model
        { "model missing", "POST", Chat, U("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Json, 400, "model", "missing_required_parameter" },
        { "model null", "POST", Chat, U("{\"model\":null,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Json, 400, "model", "missing_required_parameter" },
        { "model empty", "POST", Chat, U("{\"model\":\"\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Json, 400, "model", "invalid_value" },
        { "model a number", "POST", Chat, U("{\"model\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Json, 400, "model", "invalid_type" },
        { "model unknown", "POST", Chat, U("{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), Json, 404, "model", "model_not_found" },

        // messages
        { "messages missing", "POST", Chat, U("{\"model\":\"test-model\"}"), Json, 400, "messages", "missing_required_parameter" },
        { "messages empty", "POST", Chat, U(Messages("[]")), Json, 400, "messages", "empty_array" },
        { "messages a string", "POST", Chat, U(Messages("\"hi\"")), Json, 400, "messages", "invalid_type" },
        { "message not an object", "POST", Chat, U(Messages("[1]")), Json, 400, "messages[0]", "invalid_type" },
        { "role missing", "POST", Chat, U(Messages("[{\"content\":\"hi\"}]")), Json, 400, "messages[0].role", "missing_required_parameter" },
        { "role unknown", "POST", Chat, U(Messages("[{\"role\":\"wizard\",\"content\":\"hi\"}]")), Json, 400, "messages[0].role", "invalid_value" },
        { "role tool answering no call", "POST", Chat, U(Messages("[{\"role\":\"tool\",\"content\":\"hi\",\"tool_call_id\":\"1\"}]")), Json, 400, "messages[0].tool_call_id", "invalid_value" },
        { "role a number", "POST", Chat, U(Messages("[{\"role\":1,\"content\":\"hi\"}]")), Json, 400, "messages[0].role", "invalid_type" },
        { "content missing", "POST", Chat, U(Messages("[{\"role\":\"user\"}]")), Json, 400, "messages[0].content", "missing_required_parameter" },
        { "content a number", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":42}]")), Json, 400, "messages[0].content", "invalid_type" },
        { "content parts empty", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":[]}]")), Json, 400, "messages[0].content", "empty_array" },
        { "content part not an object", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":[\"hi\"]}]")), Json, 400, "messages[0].content[0]", "invalid_type" },
        { "content part image", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://x/y.png\"}}]}]")), Json, 400, "messages[0].content[0].type", "unsupported_value" },
        { "content part unknown type", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]")), Json, 400, "messages[0].content[0].type", "invalid_value" },
        { "content part text not a string", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":7}]}]")), Json, 400, "messages[0].content[0].text", "invalid_type" },
        { "second message bad", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":false}]")), Json, 400, "messages[1].content", "invalid_type" },
        { "name a number", "POST", Chat, U(Messages("[{\"role\":\"user\",\"content\":\"hi\",\"name\":3}]")), Json, 400, "messages[0].name", "invalid_type" },
        { "assistant tool_calls incomplete", "POST", Chat, U(Messages("[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"1\"}]}]")), Json, 400, "messages[0].tool_calls[0].type", "missing_required_parameter" },

        // sampling
        { "temperature above 2", "POST", Chat, U(ChatWith(",\"temperature\":2.5")), Json, 400, "temperature", "invalid_value" },
        { "temperature negative", "POST", Chat, U(ChatWith(",\"temperature\":-0.1")), Json, 400, "temperature", "invalid_value" },
        { "temperature a string", "POST", Chat, U(ChatWith(",\"temperature\":\"hot\"")), Json, 400, "temperature", "invalid_type" },
        { "top_p zero", "POST", Chat, U(ChatWith(",\"top_p\":0")), Json, 400, "top_p", "invalid_value" },
        { "top_p above 1", "POST", Chat, U(ChatWith(",\"top_p\":1.5")), Json, 400, "top_p", "invalid_value" },
        { "top_k negative", "POST", Chat, U(ChatWith(",\"top_k\":-1")), Json, 400, "top_k", "invalid_value" },
        { "top_k fractional", "POST", Chat, U(ChatWith(",\"top_k\":1.5")), Json, 400, "top_k", "invalid_type" },
        { "min_p above 1", "POST", Chat, U(ChatWith(",\"min_p\":1.5")), Json, 400, "min_p", "invalid_value" },
        { "n is 2", "POST", Chat, U(ChatWith(",\"n\":2")), Json, 400, "n", "unsupported_value" },
        { "max_tokens zero", "POST", Chat, U(ChatWith(",\"max_tokens\":0")), Json, 400, "max_tokens", "invalid_value" },
        { "max_tokens fractional", "POST", Chat, U(ChatWith(",\"max_tokens\":1.5")), Json, 400, "max_tokens", "invalid_type" },
        { "max_tokens beyond int", "POST", Chat, U(ChatWith(",\"max_tokens\":1e20")), Json, 400, "max_tokens", "invalid_value" },
        { "max_completion_tokens a string", "POST", Chat, U(ChatWith(",\"max_completion_tokens\":\"10\"")), Json, 400, "max_completion_tokens", "invalid_type" },
        { "stop a number", "POST", Chat, U(ChatWith(",\"stop\":5")), Json, 400, "stop", "invalid_type" },
        { "stop five entries", "POST", Chat, U(ChatWith(",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]")), Json, 400, "stop", "invalid_value" },
        { "stop empty string", "POST", Chat, U(ChatWith(",\"stop\":[\"\"]")), Json, 400, "stop[0]", "invalid_value" },
        { "stop entry a number", "POST", Chat, U(ChatWith(",\"stop\":[\"a\",1]")), Json, 400, "stop[1]", "invalid_type" },
        { "seed fractional", "POST", Chat, U(ChatWith(",\"seed\":1.5")), Json, 400, "seed", "invalid_type" },
        { "seed a string", "POST", Chat, U(ChatWith(",\"seed\":\"1\"")), Json, 400, "seed", "invalid_type" },
        { "frequency_penalty 3", "POST", Chat, U(ChatWith(",\"frequency_penalty\":3")), Json, 400, "frequency_penalty", "invalid_value" },
        { "presence_penalty -2.5", "POST", Chat, U(ChatWith(",\"presence_penalty\":-2.5")), Json, 400, "presence_penalty", "invalid_value" },
        { "repetition_penalty zero", "POST", Chat, U(ChatWith(",\"repetition_penalty\":0")), Json, 400, "repetition_penalty", "invalid_value" },

        // streaming and unsupported features
        { "stream a string", "POST", Chat, U(ChatWith(",\"stream\":\"yes\"")), Json, 400, "stream", "invalid_type" },
        { "stream_options without stream", "POST", Chat, U(ChatWith(",\"stream_options\":{\"include_usage\":true}")), Json, 400, "stream_options", "invalid_value" },
        { "stream_options not an object", "POST", Chat, U(ChatWith(",\"stream\":true,\"stream_options\":true")), Json, 400, "stream_options", "invalid_type" },
        { "include_usage a string", "POST", Chat, U(ChatWith(",\"stream\":true,\"stream_options\":{\"include_usage\":\"yes\"}")), Json, 400, "stream_options.include_usage", "invalid_type" },
        { "logprobs true", "POST", Chat, U(ChatWith(",\"logprobs\":true")), Json, 400, "logprobs", "unsupported_parameter" },
        { "tool without function", "POST", Chat, U(ChatWith(",\"tools\":[{\"type\":\"function\"}]")), Json, 400, "tools[0].function", "missing_required_parameter" },
        { "tools not an array", "POST", Chat, U(ChatWith(",\"tools\":{}")), Json, 400, "tools", "invalid_type" },
        { "tool_choice required without tools", "POST", Chat, U(ChatWith(",\"tool_choice\":\"required\"")), Json, 400, "tool_choice", "invalid_value" },
        { "response_format unknown type", "POST", Chat, U(ChatWith(",\"response_format\":{\"type\":\"xml\"}")), Json, 400, "response_format.type", "invalid_value" },
        { "response_format json_schema without json_schema", "POST", Chat, U(ChatWith(",\"response_format\":{\"type\":\"json_schema\"}")), Json, 400, "response_format.json_schema", "missing_required_parameter" },
        { "logit_bias non-empty", "POST", Chat, U(ChatWith(",\"logit_bias\":{\"50256\":-100}")), Json, 400, "logit_bias", "unsupported_parameter" },

        // /v1/completions
        { "completions: prompt missing", "POST", Text, U("{\"model\":\"test-model\"}"), Json, 400, "prompt", "missing_required_parameter" },
        { "completions: prompt a number", "POST", Text, U(Prompt("3")), Json, 400, "prompt", "invalid_type" },
        { "completions: two prompts", "POST", Text, U(Prompt("[\"a\",\"b\"]")), Json, 400, "prompt", "unsupported_value" },
        { "completions: token array", "POST", Text, U(Prompt("[[1,2,3]]")), Json, 400, "prompt", "unsupported_value" },
        { "completions: echo", "POST", Text, U(Prompt("\"a\"", ",\"echo\":true")), Json, 400, "echo", "unsupported_parameter" },
        { "completions: best_of 2", "POST", Text, U(Prompt("\"a\"", ",\"best_of\":2")), Json, 400, "best_of", "unsupported_value" },
        { "completions: logprobs 1", "POST", Text, U(Prompt("\"a\"", ",\"logprobs\":1")), Json, 400, "logprobs", "unsupported_parameter" },
        { "completions: suffix", "POST", Text, U(Prompt("\"a\"", ",\"suffix\":\"z\"")), Json, 400, "suffix", "unsupported_parameter" },
        { "completions: temperature 3", "POST", Text, U(Prompt("\"a\"", ",\"temperature\":3")), Json, 400, "temperature", "invalid_value" },
        { "completions: unknown model", "POST", Text, U("{\"model\":\"nope\",\"prompt\":\"a\"}"), Json, 404, "model", "model_not_found" },
        { "completions: empty body", "POST", Text, [], Json, 400, null, "invalid_json" },

        // routing
        { "GET on a POST route", "GET", Chat, [], null, 405, null, null },
        { "unknown path", "POST", "/v1/audio/speech", U("{}"), Json, 404, null, null },
        { "unknown model id", "GET", "/v1/models/nope", [], null, 404, "model", "model_not_found" },
    };

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static string ChatWith(string extra) =>
        "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";

    private static string Messages(string messages) => "{\"model\":\"test-model\",\"messages\":" + messages + "}";

    private static string Prompt(string prompt, string extra = "") => "{\"model\":\"test-model\",\"prompt\":" + prompt + extra + "}";
}
