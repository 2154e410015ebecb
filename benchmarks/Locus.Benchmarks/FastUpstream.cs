using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locus.Benchmarks;

/// <summary>
/// The "fast upstream": an OpenAI-compatible chat completions endpoint that answers at once with a fixed short reply
/// (JSON or SSE, as asked), so that what is measured is the gateway, not a model.
/// </summary>
internal static class FastUpstream
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"fast","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there, how can I help?"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""");

    private static readonly byte[] Sse = Encoding.UTF8.GetBytes(
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello there, \"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"how can I help?\"},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fast\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20}}\n\n" +
        "data: [DONE]\n\n");

    public static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseRouting();
        app.MapPost("/v1/chat/completions", async context =>
        {
            // Read the body as a real upstream would, then answer in the format asked for.
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var stream = body.Length > 0 && Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).Contains("\"stream\":true", StringComparison.Ordinal);
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.Body.WriteAsync(stream ? Sse : Json);
        });
        await app.StartAsync();
        return app;
    }
}
