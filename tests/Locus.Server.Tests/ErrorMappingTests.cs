using System.Net;
using Locus.Core.Errors;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary>How failures reported by a model (LocusException and worse) reach the client, before and during streams.</summary>
public sealed class ErrorMappingTests : IAsyncLifetime
{
    private const string Chat = """{"model":"scripted","messages":[{"role":"user","content":"hi"}]""";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<LocusErrorKind, bool, int, string, string> Kinds()
    {
        var data = new TheoryData<LocusErrorKind, bool, int, string, string>();
        foreach (var stream in new[] { false, true })
        {
            data.Add(LocusErrorKind.InvalidRequest, stream, 400, "invalid_request_error", "my_code");
            data.Add(LocusErrorKind.ContextOverflow, stream, 400, "invalid_request_error", "context_length_exceeded");
            data.Add(LocusErrorKind.ModelNotFound, stream, 404, "invalid_request_error", "model_not_found");
            data.Add(LocusErrorKind.Unauthorized, stream, 401, "invalid_request_error", "invalid_api_key");
            data.Add(LocusErrorKind.Overloaded, stream, 429, "requests", "rate_limit_exceeded");
            data.Add(LocusErrorKind.Unavailable, stream, 503, "server_error", "service_unavailable");
            data.Add(LocusErrorKind.PayloadTooLarge, stream, 413, "invalid_request_error", "request_too_large");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ModelFailure_BeforeOutput_GetsMappedStatusTypeAndCode(LocusErrorKind kind, bool stream, int status, string type, string code)
    {
        _model.FailAtStart = new LocusException(new LocusError(kind, "It failed.", Code: kind == LocusErrorKind.InvalidRequest ? "my_code" : null));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + $",\"stream\":{(stream ? "true" : "false")}}}"));

        var error = await OpenAIError.AssertAsync(response, (HttpStatusCode)status, response.StatusCode switch
        {
            HttpStatusCode.NotFound => "model",
            HttpStatusCode.BadRequest when kind == LocusErrorKind.ContextOverflow => "messages",
            _ => null,
        }, code);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal("It failed.", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(1.2, "2")]
    [InlineData(30.0, "30")]
    [InlineData(0.001, "1")]
    [InlineData(null, "1")]
    public async Task Overloaded_SetsRetryAfterRoundedUp(double? seconds, string expected)
    {
        _model.FailAtStart = new LocusException(new LocusError(LocusErrorKind.Overloaded, "Busy.",
            RetryAfter: seconds is { } s ? TimeSpan.FromSeconds(s) : null));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + "}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task UnexpectedException_Gets500WithoutDetails_AndServerStaysUp()
    {
        _model.FailAtStart = new InvalidOperationException("secret internal detail");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/completions", """{"model":"scripted","prompt":"p"}"""));

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.InternalServerError, null, null);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("secret", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        using var health = await _server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task FailureAfterStreamBegan_SendsErrorEventWithoutDone()
    {
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, "partial"));
        _model.FailAfterUpdates = new LocusException(new LocusError(LocusErrorKind.Unavailable, "The model crashed."));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + ",\"stream\":true}"));
        var events = await SseEvents.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, events.Count); // role, "partial", error
        Assert.DoesNotContain(SseEvents.Done, events);
        Assert.Contains("partial", events[1], StringComparison.Ordinal);
        var error = OpenAIError.AssertShape(events[2]);
        Assert.Equal("The model crashed.", error.GetProperty("message").GetString());
        Assert.Equal("service_unavailable", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ClientDisconnect_MidStream_CancelsGeneration()
    {
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, "first"));
        _model.HangAfterUpdates = true;

        using (var request = Requests.Post("/v1/chat/completions", Chat + ",\"stream\":true}"))
        using (var response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await reader.ReadLineAsync(), StringComparison.Ordinal);
        }

        var cancelled = await Task.WhenAny(_model.Cancelled.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(_model.Cancelled.Task, cancelled);
    }
}
