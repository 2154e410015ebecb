using System.CommandLine;
using Locus.Cli.Terminal;
using Locus.Gguf;

namespace Locus.Cli.Commands;

/// <summary>
/// `locus bench make-model`: writes a random-weight llama GGUF of a real shape. It costs exactly as much to run as
/// trained weights of that shape, so speed can be measured without downloading gigabytes.
/// </summary>
internal static class MakeModelCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "File to write", HelpName = "PATH", Required = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "GGUF whose tokenizer to copy (e.g. stories260K.gguf)", HelpName = "PATH", Required = true };
        var embedding = new Option<int>("--embedding") { Description = "Hidden size", DefaultValueFactory = _ => 2048 };
        var layers = new Option<int>("--layers") { Description = "Transformer blocks", DefaultValueFactory = _ => 6 };
        var heads = new Option<int>("--heads") { Description = "Attention heads", DefaultValueFactory = _ => 16 };
        var kvHeads = new Option<int>("--kv-heads") { Description = "Key/value heads (grouped-query attention)", DefaultValueFactory = _ => 4 };
        var ff = new Option<int>("--ff") { Description = "Feed-forward size", DefaultValueFactory = _ => 5632 };
        var type = new Option<string>("--type") { Description = "Weight type: F32, F16, Q8_0 or Q4_0", DefaultValueFactory = _ => "Q8_0" };

        var command = new Command("make-model", "Write a random-weight llama GGUF of a given shape (for speed measurements)")
        {
            output, tokenizer, embedding, layers, heads, kvHeads, ff, type,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (!Enum.TryParse<GgmlType>(parse.GetValue(type), ignoreCase: true, out var weightType))
            {
                throw new Core.Errors.LocusException(Core.Errors.LocusError.Invalid($"--type: unknown weight type '{parse.GetValue(type)}'; use F32, F16, Q8_0 or Q4_0"));
            }

            var options = new RandomModelOptions
            {
                EmbeddingLength = parse.GetValue(embedding),
                LayerCount = parse.GetValue(layers),
                HeadCount = parse.GetValue(heads),
                HeadCountKv = parse.GetValue(kvHeads),
                FeedForwardLength = parse.GetValue(ff),
                WeightType = weightType,
            };
            var path = parse.GetRequiredValue(output);
            RandomModelWriter.Write(path, options, GgufReader.Read(parse.GetRequiredValue(tokenizer)));
            var written = GgufReader.Read(path);
            Console.WriteLine($"{path}: {written.ParameterCount / 1e6:F1}M parameters, {written.Quantization}, {written.FileSizeBytes / 1e6:F1} MB");
            return Task.FromResult(0);
        }).GetAwaiter().GetResult());
        return command;
    }
}
