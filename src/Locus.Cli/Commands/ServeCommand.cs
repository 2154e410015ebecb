using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Core.Abstractions;
using Locus.Llama;
using Locus.Server;
using Locus.Node;
using Locus.Node.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Locus.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model", "-m")
        {
            Description = "GGUF model file to serve (repeat for several). Default: the configured default model, downloaded on first use",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        var embeddingModel = new Option<string?>("--embedding-model")
        {
            Description = "GGUF model served for /v1/embeddings only, beside the chat models (as llama.embedding_model)",
            HelpName = "PATH",
        };
        var port = new Option<int?>("--port", "-p") { Description = "Port to listen on (default 11480; 0 = any free port)" };
        var host = new Option<string?>("--host") { Description = "Address to listen on (default 127.0.0.1; anything else requires API keys)" };
        var config = CommonOptions.Config();
        var threads = CommonOptions.Threads();
        var ctx = CommonOptions.ContextSize();
        var parallel = new Option<int?>("--parallel") { Description = "Requests generated at once per model, batched together (default 1; at most 64)" };
        var template = CommonOptions.TemplateFallback();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log debug details (never prompt text)" };

        var command = new Command("serve", "Serve GGUF models through an OpenAI-compatible HTTP API")
        {
            model, embeddingModel, port, host, config, threads, ctx, parallel, template, verbose,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            // One read of the config file: every section's problems are reported together.
            var nodeConfig = NodeConfig.Load(CommonOptions.Sources(parse.GetValue(config), new Dictionary<string, string?>
            {
                ["server.port"] = parse.GetValue(port)?.ToString(),
                ["server.host"] = parse.GetValue(host),
                ["llama.threads"] = parse.GetValue(threads)?.ToString(),
                ["llama.context_size"] = parse.GetValue(ctx)?.ToString(),
                ["llama.parallel"] = parse.GetValue(parallel)?.ToString(),
                ["llama.chat_template_fallback"] = parse.GetValue(template),
                ["llama.embedding_model"] = parse.GetValue(embeddingModel) is { } path ? Path.GetFullPath(path) : null,
            }));
            var options = nodeConfig.Options;
            using var loggers = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information)
                // A failed start (port in use) is reported once, as a sentence, not also as the host's stack trace.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
                // ASP.NET Core logs four lines per request at Information; with mesh sync rounds that drowns the log.
                .AddFilter("Microsoft.AspNetCore", parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning));
            var routing = nodeConfig.Routing;
            // With targets configured, the config says what to load; otherwise --model or the default model.
            var specs = routing.Targets.Count > 0 && parse.GetValue(model) is not { Length: > 0 }
                ? []
                : await ModelSource.ResolveAsync(parse.GetValue(model) ?? [], options, cancellationToken).ConfigureAwait(false);
            if (specs.Count > 0)
            {
                routing = routing with { Targets = [] };
            }

            var node = await ProgressBars.Run("Loading models", report => LocusNode.StartAsync(new NodeSettings
            {
                Config = nodeConfig with { Routing = routing },
                ConfigFile = nodeConfig.File,
                Models = specs,
                Loggers = loggers,
                LoadProgress = ProgressBars.ForLoad(report),
            }, cancellationToken)).ConfigureAwait(false);
            await using var nodeLifetime = node.ConfigureAwait(false);

            var app = LocusServer.Build(options.Server, node, loggers);
            await using var appLifetime = app.ConfigureAwait(false);
            await StartAsync(app, cancellationToken).ConfigureAwait(false);
            var url = app.Urls.First();
            Console.WriteLine($"Locus is serving {string.Join(", ", node.Catalog.Models.Select(m => m.Id))} at {url}");
            Console.WriteLine($"OpenAI base URL: {url}/v1   Anthropic: {url}   (Ctrl+C to stop)");
            if (node.Mesh is { } mesh)
            {
                Console.WriteLine($"Mesh: node {mesh.Name} ({mesh.Id}) at {mesh.AdvertisedUrl}");
            }

            if (node.Ledger is not null)
            {
                Console.WriteLine($"Usage ledger: {node.Settings.Config.Ledger.Path}");
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    internal static Task<IModelCatalog> LoadAsync(IReadOnlyList<LocalModelSpec> specs, Core.Configuration.LocusOptions options,
        ILoggerFactory? loggers, CancellationToken cancellationToken) =>
        ProgressBars.Run($"Loading {string.Join(", ", specs.Select(s => Path.GetFileName(s.Path)))}", report =>
            LlamaModels.LoadAsync(specs, options.Llama, loggers, ProgressBars.ForLoad(report), cancellationToken: cancellationToken));

    private static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid(
                $"{ex.Message} Another program (perhaps another `locus serve`) listens there: choose a free port with --port " +
                "(server.port), or with mesh.listen for the mesh listener."));
        }
    }
}
