using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>The official OpenAI .NET SDK pointed at a running Locus server.</summary>
internal static class Sdk
{
    public static ChatClient Chat(RunningServer server, string model, string apiKey = "unused") => new(
        model,
        new ApiKeyCredential(apiKey),
        new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "/v1"),
            // A failing test should fail now, not after the SDK's backoff retries.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    /// <summary>The SDK's Responses API client (experimental in the SDK); the model goes in each request's options.</summary>
#pragma warning disable OPENAI001
    public static ResponsesClient Responses(RunningServer server, string apiKey = "unused") => new(
        new ApiKeyCredential(apiKey),
        new ResponsesClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });
#pragma warning restore OPENAI001
}
