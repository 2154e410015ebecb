using System.Net;
using System.Text;
using Locus.Core.Errors;
using Locus.Providers.Protocols;

namespace Locus.Providers.Tests.Units;

public sealed class ErrorBodyTests
{
    [Theory]
    [InlineData("""{"error":{"message":"bad temperature","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""", "bad temperature", "invalid_request_error", "invalid_value", "temperature")]
    [InlineData("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}""", "max_tokens: Field required", "invalid_request_error", null, null)]
    [InlineData("""{"error":"model 'llama9' not found"}""", "model 'llama9' not found", null, null, null)]
    [InlineData("""{"detail":"Not authenticated"}""", "Not authenticated", null, null, null)]
    [InlineData("""{"error":{"message":"Rate limit exceeded","code":429}}""", "Rate limit exceeded", null, "429", null)]
    public void Parse_KnownShapes_FindMessageTypeCodeAndParam(string json, string message, string? type, string? code, string? param)
    {
        var info = ErrorBody.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new UpstreamErrorInfo(message, type, code, param), info);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void Parse_NotAnErrorObject_IsEmpty(string body) => Assert.Equal(default, ErrorBody.Parse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void FromStatus_HtmlBody_FallsBackToTheStatus()
    {
        var failures = new Failures(Options());

        var failure = failures.FromStatus(HttpStatusCode.BadGateway, ErrorBody.Parse(Encoding.UTF8.GetBytes("<html>")), null);

        Assert.Equal(LocusErrorKind.UpstreamFailed, failure.Error.Kind);
        Assert.Contains("HTTP 502", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public void FromStatus_BadRequest_KeepsUpstreamParamAndCode()
    {
        var failure = new Failures(Options()).FromStatus(HttpStatusCode.BadRequest, new UpstreamErrorInfo("too hot", null, "invalid_value", "temperature"), null);

        Assert.Equal(new LocusError(LocusErrorKind.InvalidRequest, failure.Error.Message, "temperature", "invalid_value"), failure.Error);
        Assert.Contains("too hot", failure.Error.Message, StringComparison.Ordinal);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public void FromStatus_UpstreamEchoesTheKey_ItIsBlanked()
    {
        var failure = new Failures(Options() with { ApiKey = "sk-secret-value" })
            .FromStatus(HttpStatusCode.InternalServerError, new UpstreamErrorInfo("key sk-secret-value is broken", null, null, null), null);

        Assert.DoesNotContain("sk-secret-value", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("key *** is broken", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen()
    {
        var clock = new Infrastructure.ManualClock();
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", (clock.GetUtcNow() + TimeSpan.FromSeconds(8)).ToString("R"));

        var after = Failures.RetryAfter(response.Headers, clock);

        Assert.NotNull(after);
        Assert.InRange(after.Value, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8)); // the header has whole seconds
    }

    [Fact]
    public void RetryAfter_MillisecondsHeader_WinsOverSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "2");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1250");

        Assert.Equal(TimeSpan.FromMilliseconds(1250), Failures.RetryAfter(response.Headers, TimeProvider.System));
    }

    internal static ProviderOptions Options() => new()
    {
        Name = "unit",
        Kind = ProviderKind.OpenAI,
        BaseUrl = new Uri("http://127.0.0.1:9/v1"),
        Model = "m",
    };
}
