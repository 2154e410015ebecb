using System.Net.Http.Headers;
using Locus.Providers.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>OpenAI chat completions: <c>POST {base}/chat/completions</c> with <c>Authorization: Bearer</c>.</summary>
internal sealed class OpenAIProtocol(ProviderOptions options) : IWireProtocol
{
    private readonly AuthenticationHeaderValue? auth = options.ApiKey is { Length: > 0 } key ? new("Bearer", key) : null;

    public string ProviderName => "openai";

    public string Path => "chat/completions";

    public void AddHeaders(HttpRequestHeaders headers) => headers.Authorization = auth;

    public ReadOnlyMemory<byte> WriteRequest(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, bool stream) =>
        OpenAIRequestWriter.Write(options.Model, messages, chatOptions, stream);

    public ChatResponse ReadResponse(ReadOnlySpan<byte> body) => OpenAIResponseReader.Read(body);

    public IAsyncEnumerable<ChatResponseUpdate> ReadStream(Stream body, CancellationToken cancellationToken) =>
        OpenAIStreamReader.ReadAsync(body, cancellationToken);
}
