using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;

namespace Locus.Cli.Commands;

/// <summary>
/// Streaming generation speed in-process (the IChatClient stream) against the same request streamed through the
/// HTTP server on loopback (SSE parsed by the client), interleaved. Both are timed the same way, from sending the
/// request to the last piece of text, so the ratio is what the HTTP path costs end to end. (Timing from the first piece
/// would flatter either side: pieces queue up while the reader starts, then arrive in a burst.)
/// </summary>
internal static class StreamingBench
{
    public static async Task RunAsync(string modelPath, int threads, int tokens, int reps, CancellationToken cancellationToken)
    {
        var options = new LlamaOptions { Threads = threads, ContextSize = 2048, ChatTemplateFallback = "raw" };
        using var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(modelPath)], options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var model = catalog.Models[0].Id;
        var text = (ITextCompletionClient)catalog.Find(model)!.GetService(typeof(ITextCompletionClient))!;
        var app = LocusServer.Build(new ServerOptions { Port = 0 }, catalog);
        await using var appLifetime = app.ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var body = JsonSerializer.Serialize(new
        {
            model,
            prompt = "Once upon a time",
            max_tokens = tokens,
            temperature = 0,
            stream = true,
            stream_options = new { include_usage = true },
        });

        for (var i = -1; i < reps; i++)
        {
            var inProcess = await TimeAsync(Pieces(text, tokens, cancellationToken)).ConfigureAwait(false);
            var overHttp = await TimeAsync(SsePieces(http, body, cancellationToken)).ConfigureAwait(false);
            if (i >= 0)
            {
                Print("locus-inproc-stream", modelPath, inProcess);
                Print("locus-http-stream", modelPath, overHttp);
            }
        }
    }

    /// <summary>Yields the completion token count once, at the end (the server may merge several tokens into one event).</summary>
    private static async IAsyncEnumerable<long> Pieces(ITextCompletionClient client, int tokens, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens };
        await foreach (var update in client.CompleteStreamingAsync("Once upon a time", options, cancellationToken).ConfigureAwait(false))
        {
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
            {
                yield return usage.Details.OutputTokenCount ?? 0;
            }
        }
    }

    private static async IAsyncEnumerable<long> SsePieces(HttpClient http, string body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line.AsMemory(6));
            if (json.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                yield return usage.GetProperty("completion_tokens").GetInt64();
            }
        }
    }

    private static async Task<(long Tokens, double TokensPerSecond)> TimeAsync(IAsyncEnumerable<long> tokenCounts)
    {
        var start = Stopwatch.GetTimestamp();
        long tokens = 0;
        await foreach (var count in tokenCounts.ConfigureAwait(false))
        {
            tokens = count;
        }

        return (tokens, tokens / Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static void Print(string impl, string model, (long Tokens, double TokensPerSecond) result) =>
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["impl"] = impl,
            ["model"] = Path.GetFileName(model),
            ["tg_tokens"] = result.Tokens,
            ["tg_tps"] = Math.Round(result.TokensPerSecond, 2),
        }));
}
