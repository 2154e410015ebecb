using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Microsoft.Extensions.AI;

namespace Locus.Cli.Commands;

internal static class ChatCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Chat with this GGUF file, loaded in this process", HelpName = "PATH" };
        var url = new Option<string?>("--url") { Description = "Chat with a running server instead (e.g. http://127.0.0.1:11480/v1)" };
        var remoteModel = new Option<string?>("--remote-model") { Description = "Model id on the server (default: its first model)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Bearer key for --url (default: $LOCUS_API_KEY)" };
        var system = new Option<string?>("--system", "-s") { Description = "System message that starts the conversation" };
        var prompt = new Option<string?>("--prompt") { Description = "Ask one question, print the answer and exit" };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (0 = greedy)" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens per answer" };
        var config = CommonOptions.Config();
        var threads = CommonOptions.Threads();
        var ctx = CommonOptions.ContextSize();
        var template = CommonOptions.TemplateFallback();

        var command = new Command("chat", "Chat in the terminal with a model file or a running Locus/OpenAI-compatible server")
        {
            model, url, remoteModel, apiKey, system, prompt, temperature, maxTokens, config, threads, ctx, template,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var backend = await OpenAsync(parse, model, url, remoteModel, apiKey, config, threads, ctx, template, cancellationToken).ConfigureAwait(false);
            var options = new ChatOptions { Temperature = parse.GetValue(temperature), MaxOutputTokens = parse.GetValue(maxTokens) };
            var session = new ChatSession(backend, options, parse.GetValue(system));
            return await session.RunAsync(parse.GetValue(prompt), cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<IChatBackend> OpenAsync(ParseResult parse, Option<string?> model, Option<string?> url, Option<string?> remoteModel,
        Option<string?> apiKey, Option<string?> config, Option<int?> threads, Option<int?> ctx, Option<string?> template, CancellationToken cancellationToken)
    {
        if (parse.GetValue(url) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            {
                throw new LocusException(LocusError.Invalid($"--url: '{text}' is not an http(s) URL such as http://127.0.0.1:11480/v1", "--url"));
            }

            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("LOCUS_API_KEY");
            var id = parse.GetValue(remoteModel) ?? await RemoteModels.FirstAsync(server, key, cancellationToken).ConfigureAwait(false);
            return new RemoteChatBackend(server, id, key);
        }

        var options = CommonOptions.Load(parse.GetValue(config), new Dictionary<string, string?>
        {
            ["llama.threads"] = parse.GetValue(threads)?.ToString(),
            ["llama.context_size"] = parse.GetValue(ctx)?.ToString(),
            ["llama.chat_template_fallback"] = parse.GetValue(template),
        });
        var paths = parse.GetValue(model) is { } path ? new[] { path } : [];
        var specs = await ModelSource.ResolveAsync(paths, options, cancellationToken).ConfigureAwait(false);
        var catalog = await ServeCommand.LoadAsync(specs, options, null, cancellationToken).ConfigureAwait(false);
        return new LocalChatBackend(catalog);
    }
}

/// <summary>Asks a server which models it has, so `--url` alone is enough.</summary>
internal static class RemoteModels
{
    public static async Task<string> FirstAsync(Uri baseUrl, string? apiKey, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl.ToString().TrimEnd('/') + "/models"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return json.RootElement.GetProperty("data")[0].GetProperty("id").GetString()!;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                $"could not list models at {baseUrl}: {e.Message}. Is the server running (locus serve), and is the URL its /v1 base?"), e);
        }
    }
}
