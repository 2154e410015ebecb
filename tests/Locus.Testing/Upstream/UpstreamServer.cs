using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locus.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that speaks OpenAI chat completions (<c>POST /v1/chat/completions</c>,
/// <c>GET /v1/models</c>) and Anthropic Messages (<c>POST /v1/messages</c>), streamed or not, in the documented wire
/// formats. What it answers, and how it fails, is scripted by <see cref="Behavior"/>; every request is recorded.
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private UpstreamBehavior behavior;
    private int chatRequests; // since the behavior was set: FailFirst counts from there
    private int responseIds;

    private UpstreamServer(WebApplication app, UpstreamBehavior behavior)
    {
        this.app = app;
        this.behavior = behavior;
    }

    /// <summary>The OpenAI-style base address, <c>http://127.0.0.1:PORT/v1</c>; Anthropic clients post to <c>{BaseUrl}/messages</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public UpstreamBehavior Behavior
    {
        get
        {
            lock (gate)
            {
                return behavior;
            }
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (gate)
            {
                behavior = value;
                chatRequests = 0;
            }
        }
    }

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<UpstreamServer> StartAsync(UpstreamBehavior? behavior = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new UpstreamServer(app, behavior ?? new UpstreamBehavior());
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Stops listening: later connections are refused, as from an upstream that went down.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "";
        UpstreamBehavior current;
        var isChat = request.Method == "POST" && path is "/v1/chat/completions" or "/v1/messages";
        int index;
        lock (gate)
        {
            requests.Add(new RecordedRequest(request.Method, path, headers, body.ToArray()));
            current = behavior;
            index = isChat ? ++chatRequests : 0;
        }

        IUpstreamDialect dialect = path == "/v1/messages" ? AnthropicDialect.Instance : OpenAIDialect.Instance;
        if (current.DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(current.DelayBeforeHeaders, context.RequestAborted);
        }

        if (current.RequiredApiKey is { } key && dialect.ApiKey(request) != key)
        {
            await dialect.WriteErrorAsync(context, 401, "Incorrect API key provided.");
            return;
        }

        var injected = index > 0 && index <= current.FailFirst ? current.FailStatus : current.Status;
        if (injected != 200)
        {
            if (current.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(after.TotalSeconds).ToString();
                context.Response.Headers["retry-after-ms"] = ((long)after.TotalMilliseconds).ToString();
            }

            await dialect.WriteErrorAsync(context, injected, current.ErrorMessage ?? $"The upstream failed as scripted (status {injected}).");
            return;
        }

        if (!isChat)
        {
            if (request.Method == "GET" && path == "/v1/models")
            {
                await OpenAIDialect.WriteModelsAsync(context, current.Models);
            }
            else
            {
                await dialect.WriteErrorAsync(context, 404, $"Unknown route {request.Method} {path}.");
            }

            return;
        }

        await AnswerAsync(context, dialect, body.ToArray(), current);
    }

    private async Task AnswerAsync(HttpContext context, IUpstreamDialect dialect, byte[] body, UpstreamBehavior current)
    {
        UpstreamRequest parsed;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!dialect.TryParse(context.Request, json.RootElement, out parsed, out var problem))
            {
                await dialect.WriteErrorAsync(context, 400, problem);
                return;
            }
        }
        catch (JsonException e)
        {
            await dialect.WriteErrorAsync(context, 400, "The request body is not valid JSON: " + e.Message);
            return;
        }

        if (current.RawBody is { } raw)
        {
            context.Response.ContentType = parsed.Stream ? "text/event-stream" : "application/json";
            await context.Response.WriteAsync(raw, context.RequestAborted);
            return;
        }

        var answer = UpstreamAnswer.Create(parsed, current, Interlocked.Increment(ref responseIds));
        if (parsed.Stream)
        {
            await dialect.StreamAsync(new SseOut(context, current), answer);
        }
        else
        {
            await dialect.WriteAsync(context, answer);
        }
    }
}
