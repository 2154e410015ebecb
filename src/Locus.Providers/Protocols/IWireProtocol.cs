using System.Net.Http.Headers;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Protocols;

/// <summary>One upstream protocol: how a request is written and addressed, and how answers are read back.</summary>
internal interface IWireProtocol
{
    /// <summary>The name <c>ChatClientMetadata</c> reports ("openai", "anthropic").</summary>
    string ProviderName { get; }

    /// <summary>Where requests go, relative to the target's base URL.</summary>
    string Path { get; }

    /// <summary>Authentication and version headers.</summary>
    void AddHeaders(HttpRequestHeaders headers);

    /// <summary>Headers this protocol adds for one call from its options (none by default).</summary>
    IReadOnlyDictionary<string, string>? CallHeaders(ChatOptions? options) => null;

    ReadOnlyMemory<byte> WriteRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream);

    /// <exception cref="System.Text.Json.JsonException">The body is not the documented shape.</exception>
    ChatResponse ReadResponse(ReadOnlySpan<byte> body);

    /// <summary>Server-sent events to updates. Ends normally only after the protocol's end marker.</summary>
    /// <exception cref="UpstreamProtocolException">The stream broke the protocol, reported an error, or ended early.</exception>
    IAsyncEnumerable<ChatResponseUpdate> ReadStream(Stream body, CancellationToken cancellationToken);
}

/// <summary>An answer that broke the protocol: a stream cut before its end marker, an error event, a missing part.</summary>
internal sealed class UpstreamProtocolException(string message, string? errorType = null) : Exception(message)
{
    /// <summary>The upstream's error type from an error event (e.g. <c>overloaded_error</c>), if it sent one.</summary>
    public string? ErrorType { get; } = errorType;

    /// <summary>The stream ended (cleanly, at the HTTP level) before the protocol's end marker.</summary>
    public bool Truncated { get; private init; }

    public static UpstreamProtocolException EndedBefore(string marker) =>
        new($"the stream ended before its end marker ({marker})") { Truncated = true };
}
