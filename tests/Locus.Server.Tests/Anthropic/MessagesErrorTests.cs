using System.Net;
using Locus.Core.Errors;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Anthropic;

/// <summary>Failures on /v1/messages in Anthropic's shape: every LocusErrorKind before a stream, and an error event during one.</summary>
public sealed class MessagesErrorTests : IAsyncLifetime
{
    private const string Body = """{"model":"scripted","max_tokens":16,"messages":[{"role":"user","content":"hi"}]""";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<LocusErrorKind, bool, int, string> Kinds()
    {
        var data = new TheoryData<LocusErrorKind, bool, int, string>();
        foreach (var stream in new[] { false, true })
        {
            data.Add(LocusErrorKind.InvalidRequest, stream, 400, "invalid_request_error");
            data.Add(LocusErrorKind.ContextOverflow, stream, 400, "invalid_request_error");
            data.Add(LocusErrorKind.ModelNotFound, stream, 404, "not_found_error");
            data.Add(LocusErrorKind.Unauthorized, stream, 401, "authentication_error");
            data.Add(LocusErrorKind.Overloaded, stream, 429, "rate_limit_error");
            data.Add(LocusErrorKind.Unavailable, stream, 503, "overloaded_error");
            data.Add(LocusErrorKind.PayloadTooLarge, stream, 413, "request_too_large");
            data.Add(LocusErrorKind.UpstreamFailed, stream, 502, "api_error");
            data.Add(LocusErrorKind.UpstreamTimeout, stream, 504, "timeout_error");
            data.Add(LocusErrorKind.PolicyDenied, stream, 403, "permission_error");
        }
        return data;
    }

    [Fact]
    public void Kinds_CoverEveryLocusErrorKind() =>
        Assert.Equal(Enum.GetValues<LocusErrorKind>().Order(), Kinds().Select(row => (LocusErrorKind)row[0]).Distinct().Order());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ModelFailure_BeforeOutput_GetsAnthropicErrorWithMappedStatus(LocusErrorKind kind, bool stream, int status, string type)
    {
        _model.FailAtStart = new LocusException(new LocusError(kind, "It failed.", RetryAfter: TimeSpan.FromSeconds(3)));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + $",\"stream\":{(stream ? "true" : "false")}}}"));

        var error = await AnthropicError.AssertAsync(response, (HttpStatusCode)status, type);
        Assert.Equal("It failed.", error.GetProperty("message").GetString());
        if (kind == LocusErrorKind.Overloaded)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task FailureAfterStreamStarted_SendsErrorEventAndNoMessageStop()
    {
        _model.Script(ChatFinishReason.Stop, 2, "partial");
        _model.Updates.RemoveAt(_model.Updates.Count - 1);
        _model.FailAfterUpdates = new LocusException(new LocusError(LocusErrorKind.Unavailable, "The backend went away."));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + ""","stream":true}"""));
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("partial", AnthropicSse.Text(events));
        Assert.Equal("error", events[^1].Name);
        var error = AnthropicError.AssertShape(events[^1].Data.GetRawText());
        Assert.Equal("overloaded_error", error.GetProperty("type").GetString());
        Assert.Equal("The backend went away.", error.GetProperty("message").GetString());
        Assert.DoesNotContain(events, e => e.Name is "message_stop" or "message_delta");
    }

    [Fact]
    public async Task UnexpectedFailure_GetsApiError500()
    {
        _model.FailAtStart = new InvalidOperationException("secret detail");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", Body + "}"));

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.InternalServerError, "api_error");
        Assert.DoesNotContain("secret", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPaths_KeepOpenAIErrors()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", "{"));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, null, "invalid_json");
    }
}
