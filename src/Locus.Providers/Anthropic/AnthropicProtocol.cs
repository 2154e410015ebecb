using System.Net.Http.Headers;
using Locus.Core.Abstractions;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>Anthropic Messages: <c>POST {base}/messages</c> with <c>x-api-key</c> and <c>anthropic-version</c>.</summary>
/// <param name="defaultMaxTokens">The <c>max_tokens</c> sent when a request sets none (the API requires one).</param>
internal sealed class AnthropicProtocol(string model, string? apiKey, string version, int defaultMaxTokens) : IWireProtocol
{
    public string ProviderName => "anthropic";

    public string Path => "messages";

    public void AddHeaders(HttpRequestHeaders headers)
    {
        if (apiKey is { Length: > 0 } key)
        {
            headers.TryAddWithoutValidation("x-api-key", key);
        }

        headers.TryAddWithoutValidation("anthropic-version", version);
    }

    /// <summary>The client's <c>anthropic-beta</c> header, when a Messages request brought one (its beta fields need it).</summary>
    public IReadOnlyDictionary<string, string>? CallHeaders(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(LocusChatOptions.AnthropicBeta, out var value) == true && value is string { Length: > 0 } beta
            ? new Dictionary<string, string> { ["anthropic-beta"] = beta }
            : null;

    public ReadOnlyMemory<byte> WriteRequest(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, bool stream) =>
        AnthropicRequestWriter.Write(model, defaultMaxTokens, messages, chatOptions, stream);

    public ChatResponse ReadResponse(ReadOnlySpan<byte> body) => AnthropicResponseReader.Read(body);

    public IAsyncEnumerable<ChatResponseUpdate> ReadStream(Stream body, CancellationToken cancellationToken) =>
        AnthropicStreamReader.ReadAsync(body, cancellationToken);
}
