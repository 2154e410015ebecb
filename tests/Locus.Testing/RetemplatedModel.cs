using Locus.Gguf;

namespace Locus.Testing;

/// <summary>
/// A shared model with another chat template: the same metadata and tensors, <c>tokenizer.chat_template</c> replaced.
/// random-qwen2-tiny with Qwen 2.5's tool-aware template gives a model of the Hermes tool-call family without a
/// download.
/// </summary>
public static class RetemplatedModel
{
    /// <summary>Writes the copy to <paramref name="destination"/>.</summary>
    public static void Create(string source, string template, string destination)
    {
        var file = GgufReader.Read(source);
        var writer = new GgufWriter();
        foreach (var (key, value) in file.Metadata)
        {
            writer.SetMetadata(key, key == "tokenizer.chat_template" ? GgufValue.FromString(template) : value);
        }

        foreach (var tensor in file.Tensors)
        {
            writer.AddTensor(tensor.Name, tensor.Type, tensor.Dimensions, output =>
            {
                using var input = File.OpenRead(source);
                input.Position = file.DataOffset + tensor.Offset;
                var buffer = new byte[tensor.ByteSize];
                input.ReadExactly(buffer);
                output.Write(buffer);
            });
        }

        writer.Write(destination);
    }

    /// <summary>A real chat template kept with the Jinja tests' fixtures (tests/Locus.Jinja.Tests/Fixtures/templates).</summary>
    public static string Template(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Locus.Jinja.Tests", "Fixtures", "templates", fileName);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"the chat template {fileName} is kept with the Jinja tests' fixtures");
    }
}
