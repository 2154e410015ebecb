using System.Net;
using System.Text;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Embeddings;

/// <summary>Bad <c>/v1/embeddings</c> bodies: each a 4xx in OpenAI's shape before any model is touched.</summary>
public sealed class EmbeddingsMalformedTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    private const string Path = "/v1/embeddings";

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static string With(string input, string extra = "") => $"{{\"model\":\"test-model\",\"input\":{input}{extra}}}";

    public static TheoryData<string, byte[], int, string?, string?> Cases => new()
    {
        { "empty body", [], 400, null, "invalid_json" },
        { "truncated JSON", U("{\"model\":\"test-model\",\"input\":"), 400, null, "invalid_json" },
        { "invalid UTF-8", [.. U("{\"model\":\"test-model\",\"input\":\""), 0xC3, 0x28, .. U("\"}")], 400, null, "invalid_json" },
        { "root an array", U("[\"hi\"]"), 400, null, "invalid_type" },
        { "model missing", U("{\"input\":\"hi\"}"), 400, "model", "missing_required_parameter" },
        { "model a number", U("{\"model\":3,\"input\":\"hi\"}"), 400, "model", "invalid_type" },
        { "model empty", U("{\"model\":\"\",\"input\":\"hi\"}"), 400, "model", "invalid_value" },
        { "input missing", U("{\"model\":\"test-model\"}"), 400, "input", "missing_required_parameter" },
        { "input null", U(With("null")), 400, "input", "missing_required_parameter" },
        { "input empty string", U(With("\"\"")), 400, "input", "invalid_value" },
        { "input a number", U(With("42")), 400, "input", "invalid_type" },
        { "input an object", U(With("{\"text\":\"hi\"}")), 400, "input", "invalid_type" },
        { "input a boolean", U(With("true")), 400, "input", "invalid_type" },
        { "input empty array", U(With("[]")), 400, "input", "empty_array" },
        { "input an empty string in the array", U(With("[\"a\",\"\"]")), 400, "input[1]", "invalid_value" },
        { "input strings mixed with a number", U(With("[\"a\",1]")), 400, "input[1]", "invalid_type" },
        { "input ids mixed with a string", U(With("[1,\"a\"]")), 400, "input[1]", "invalid_type" },
        { "input a null item", U(With("[null]")), 400, "input[0]", "invalid_type" },
        { "input an object item", U(With("[{\"a\":1}]")), 400, "input[0]", "invalid_type" },
        { "input token id fractional", U(With("[1,2.5]")), 400, "input[1]", "invalid_value" },
        { "input token id negative", U(With("[1,-3]")), 400, "input[1]", "invalid_value" },
        { "input token id beyond int32", U(With("[99999999999]")), 400, "input[0]", "invalid_value" },
        { "input empty token list", U(With("[[1,2],[]]")), 400, "input[1]", "empty_array" },
        { "input token lists mixed with ids", U(With("[[1,2],3]")), 400, "input[1]", "invalid_type" },
        { "input nested too deep", U(With("[[[1]]]")), 400, "input[0][0]", "invalid_type" },
        { "input too many items", U(With("[" + string.Join(",", Enumerable.Repeat("1", 2049).Select(_ => "\"x\"")) + "]")), 400, "input", "too_many_inputs" },
        { "input lone surrogate", U(With("\"\\ud800\"")), 400, "input", "invalid_value" },
        { "input lone surrogate in the array", U(With("[\"ok\",\"a\\udc00b\"]")), 400, "input[1]", "invalid_value" },
        { "encoding_format unknown", U(With("\"hi\"", ",\"encoding_format\":\"int8\"")), 400, "encoding_format", "invalid_value" },
        { "encoding_format a number", U(With("\"hi\"", ",\"encoding_format\":1")), 400, "encoding_format", "invalid_type" },
        { "dimensions zero", U(With("\"hi\"", ",\"dimensions\":0")), 400, "dimensions", "invalid_value" },
        { "dimensions a string", U(With("\"hi\"", ",\"dimensions\":\"8\"")), 400, "dimensions", "invalid_type" },
        { "dimensions fractional", U(With("\"hi\"", ",\"dimensions\":8.5")), 400, "dimensions", "invalid_type" },
        { "user a number", U(With("\"hi\"", ",\"user\":5")), 400, "user", "invalid_type" },
        { "unknown field", U(With("\"hi\"", ",\"truncate\":true")), 400, "truncate", "unknown_parameter" },
        { "model unknown", U("{\"model\":\"gpt-9\",\"input\":\"hi\"}"), 404, "model", "model_not_found" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_Malformed_OpenAIErrorAndServerStaysUp(string name, byte[] body, int status, string? param, string? code)
    {
        var reachedBefore = fixture.Catalog.Reached;
        using var request = Requests.Create(HttpMethod.Post, Path, body, "application/json");
        using var response = await fixture.Server.Http.SendAsync(request);

        await OpenAIError.AssertAsync(response, (HttpStatusCode)status, param, code);
        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
        using var health = await fixture.Server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Cases_AtLeastTwentyDistinct()
    {
        var names = Cases.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
