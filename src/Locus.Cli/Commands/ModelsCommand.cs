using System.CommandLine;
using System.Text.Json;
using Locus.Cli.Terminal;
using Locus.Core.Errors;
using Locus.Gguf;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus models`: what is in GGUF files, read in C# without loading the weights.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "GGUF files or folders (default: the models directory)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file" };
        var config = CommonOptions.Config();
        var server = new Option<string>("--server")
        {
            Description = "Instead: show what a running Locus server's engines are doing (slots, queue, KV cells, prefix-cache hit rate)",
        };
        var command = new Command("models", "Inspect GGUF model files: architecture, size, quantization, context, chat template")
        {
            paths, json, config, server,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(server) is { } text)
            {
                var url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                    ? parsed
                    : throw new LocusException(LocusError.Invalid($"--server wants the server's http(s) URL, e.g. http://127.0.0.1:11480; got '{text}'"));
                return RunningModels.ShowAsync(url, parse.GetValue(json), CancellationToken.None);
            }

            var given = parse.GetValue(paths) ?? [];
            var roots = given.Length > 0 ? given : [CommonOptions.Load(parse.GetValue(config), new Dictionary<string, string?>()).Models.Directory];
            var files = roots.SelectMany(Expand).ToList();
            if (files.Count == 0)
            {
                throw new LocusException(LocusError.Invalid($"no .gguf files in {string.Join(", ", roots)}; pass a file or folder"));
            }

            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var gguf = GgufReader.Read(file);
                    if (parse.GetValue(json))
                    {
                        Console.WriteLine(JsonSerializer.Serialize(Describe(file, gguf)));
                    }
                    else
                    {
                        Print(file, gguf);
                    }
                }
                catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
                {
                    failed++;
                    AnsiConsole.MarkupLineInterpolated($"[red]{file}:[/] {e.Message}");
                }
            }

            return Task.FromResult(failed == 0 ? 0 : CliErrors.Failure);
        }).GetAwaiter().GetResult());
        return command;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.gguf").Order(StringComparer.Ordinal) : [path];

    private static Dictionary<string, object?> Describe(string file, GgufFile gguf) => new()
    {
        ["file"] = file,
        ["architecture"] = gguf.Architecture,
        ["name"] = gguf.Name,
        ["parameters"] = gguf.ParameterCount,
        ["quantization"] = gguf.Quantization,
        ["bits_per_weight"] = Math.Round(gguf.BitsPerWeight, 2),
        ["context_length"] = gguf.ContextLength,
        ["layers"] = gguf.BlockCount,
        ["embedding_length"] = gguf.EmbeddingLength,
        ["heads"] = gguf.HeadCount,
        ["kv_heads"] = gguf.HeadCountKv,
        ["vocab_size"] = gguf.VocabSize,
        ["has_chat_template"] = gguf.ChatTemplate is not null,
        ["file_size_bytes"] = gguf.FileSizeBytes,
    };

    private static void Print(string file, GgufFile gguf)
    {
        var table = new Table().Title(Markup.Escape(Path.GetFileName(file))).AddColumn("property").AddColumn("value");
        foreach (var (key, value) in Describe(file, gguf))
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString() ?? "-"));
        }

        AnsiConsole.Write(table);
    }
}
