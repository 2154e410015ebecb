using System.Net.Http.Headers;
using Locus.Providers.Protocols;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>OpenAI chat completions: <c>POST {base}/chat/completions</c> with <c>Authorization: Bearer</c>.</summary>
internal sealed class OpenAIProtocol(string model, string? apiKey) : IWireProtocol
{
    private readonly AuthenticationHeaderValue? auth = apiKey is { Length: > 0 } key ? new("Bearer", key) : null;

    public string ProviderName => "openai";

    public string Path => "chat/completions";

    public void AddHeaders(HttpRequestHeaders headers) => headers.Authorization = auth;

    public ReadOnlyMemory<byte> WriteRequest(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, bool stream) =>
        OpenAIRequestWriter.Write(model, messages, chatOptions, stream);

    public ChatResponse ReadResponse(ReadOnlySpan<byte> body) => OpenAIResponseReader.Read(body);

    public IAsyncEnumerable<ChatResponseUpdate> ReadStream(Stream body, CancellationToken cancellationToken) =>
        OpenAIStreamReader.ReadAsync(body, cancellationToken);
}
