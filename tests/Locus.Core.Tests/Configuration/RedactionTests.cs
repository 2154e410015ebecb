using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

public sealed class RedactionTests : IDisposable
{
    private const string Secret = "sk-very-secret-token";

    private readonly ConfigFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void ServerOptionsToString_WithApiKeys_ShowsCountNotKeys()
    {
        var text = new ServerOptions { ApiKeys = [Secret, "another"] }.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("ApiKeys = [2 redacted]", text, StringComparison.Ordinal);
        Assert.Contains("Port = 11480", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LocusOptionsToString_WithApiKeys_DoesNotContainKeys()
    {
        var text = new LocusOptions { Server = new ServerOptions { ApiKeys = [Secret] } }.ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("1 redacted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ApiKeyWithWhitespace_ErrorDoesNotEchoKey()
    {
        fixture.WriteLocal($"server:\n  api_keys:\n    - ok-key\n    - \"{Secret} tail\"\n");

        var exception = fixture.LoadFails();

        Assert.Equal("key #2 contains whitespace, which a bearer token cannot", Assert.Single(exception.Errors).Message);
        Assert.DoesNotContain(Secret, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ApiKeysAsMapping_ErrorDoesNotEchoKey()
    {
        fixture.WriteLocal($"server:\n  api_keys:\n    main: {Secret}\n");

        var exception = fixture.LoadFails();

        Assert.Equal("server.api_keys", Assert.Single(exception.Errors).Key);
        Assert.DoesNotContain(Secret, exception.Message, StringComparison.Ordinal);
    }
}
