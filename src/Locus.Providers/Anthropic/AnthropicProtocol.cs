using System.Net.Http.Headers;
using Locus.Providers.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>Anthropic Messages: <c>POST {base}/messages</c> with <c>x-api-key</c> and <c>anthropic-version</c>.</summary>
internal sealed class AnthropicProtocol(ProviderOptions options) : IWireProtocol
{
    public string ProviderName => "anthropic";

    public string Path => "messages";

    public void AddHeaders(HttpRequestHeaders headers)
    {
        if (options.ApiKey is { Length: > 0 } key)
        {
            headers.TryAddWithoutValidation("x-api-key", key);
        }

        headers.TryAddWithoutValidation("anthropic-version", options.AnthropicVersion);
    }

    public ReadOnlyMemory<byte> WriteRequest(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, bool stream) =>
        AnthropicRequestWriter.Write(options, messages, chatOptions, stream);

    public ChatResponse ReadResponse(ReadOnlySpan<byte> body) => AnthropicResponseReader.Read(body);

    public IAsyncEnumerable<ChatResponseUpdate> ReadStream(Stream body, CancellationToken cancellationToken) =>
        AnthropicStreamReader.ReadAsync(body, cancellationToken);
}
