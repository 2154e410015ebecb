using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Locus.Gguf;
using Locus.Wire.Ollama;

namespace Locus.Server.Ollama;

/// <summary>
/// What Ollama's model listings say about a model, read from its GGUF header (never the weights): format, family
/// (<c>general.architecture</c>), parameter count, quantization, file size and time, metadata and chat template.
/// Read once per file version and kept.
/// </summary>
/// <remarks>
/// <c>digest</c> is the SHA-256 of the file's path, size and modification time, not of its content: hashing a model of
/// many gigabytes would make <c>/api/tags</c> take minutes. It changes when the file does, which is what clients use
/// it for (telling versions apart).
/// </remarks>
internal sealed record OllamaModelFacts(
    long Size, DateTimeOffset Modified, string Digest, string Family, long ParameterCount, string Quantization, string? ChatTemplate,
    GgufFile File)
{
    private static readonly ConcurrentDictionary<(string, long, DateTime), OllamaModelFacts> Cache = new();

    /// <summary>The facts of the GGUF file at <paramref name="path"/>; null when it cannot be read (gone, not GGUF).</summary>
    public static OllamaModelFacts? Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            return Cache.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), static (key, p) => Read(p, key.Item2, key.Item3), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GgufFormatException)
        {
            return null;
        }
    }

    public OllamaModelDetails Details() => new()
    {
        Format = "gguf",
        Family = Family,
        Families = Family.Length > 0 ? [Family] : null,
        ParameterSize = ParameterSize(ParameterCount),
        QuantizationLevel = Quantization,
    };

    /// <summary>Details for a model with no file here (a cloud target, the router's auto model).</summary>
    public static OllamaModelDetails Unknown(string family) =>
        new() { Format = "", Family = family, ParameterSize = "", QuantizationLevel = "" };

    /// <summary>The metadata as <c>model_info</c>: scalars as they are, arrays empty unless <paramref name="verbose"/>.</summary>
    public JsonObject ModelInfo(bool verbose)
    {
        var info = new JsonObject { ["general.parameter_count"] = ParameterCount };
        foreach (var (key, value) in File.Metadata)
        {
            // The template is /api/show's own field; repeating it here would double the reply.
            if (key == "tokenizer.chat_template")
            {
                continue;
            }

            info[key] = value.Type == GgufValueType.Array
                ? verbose ? new JsonArray([.. value.AsArray().Select(Scalar)]) : new JsonArray()
                : Scalar(value);
        }

        return info;
    }

    /// <summary>Ollama's spelling of a parameter count: 7.6B, 494.03M, 260K.</summary>
    public static string ParameterSize(long count) => count switch
    {
        >= 1_000_000_000 => Scaled(count / 1e9, "B", "0.#"),
        >= 1_000_000 => Scaled(count / 1e6, "M", "0.##"),
        >= 1_000 => Math.Round(count / 1e3).ToString("0", CultureInfo.InvariantCulture) + "K",
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    private static string Scaled(double value, string unit, string format) =>
        value.ToString(value == Math.Floor(value) ? "0" : format, CultureInfo.InvariantCulture) + unit;

    private static JsonNode? Scalar(GgufValue value) => value.Type switch
    {
        GgufValueType.String => JsonValue.Create(value.AsString()),
        GgufValueType.Bool => JsonValue.Create(value.AsBool()),
        GgufValueType.Float32 or GgufValueType.Float64 => JsonValue.Create(value.AsDouble()),
        // A uint64 above long's range is written as a double (JSON numbers are doubles to most readers anyway).
        GgufValueType.UInt64 => value.AsDouble() <= long.MaxValue ? JsonValue.Create(value.AsInt64()) : JsonValue.Create(value.AsDouble()),
        GgufValueType.Array => new JsonArray(),
        _ => JsonValue.Create(value.AsInt64()),
    };

    private static OllamaModelFacts Read(string path, long size, DateTime modified)
    {
        var file = GgufReader.Read(path);
        var stamp = $"{Path.GetFullPath(path)}|{size}|{modified.Ticks}";
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp)));
        return new OllamaModelFacts(size, new DateTimeOffset(modified, TimeSpan.Zero), digest, file.Architecture ?? "", file.ParameterCount,
            file.Quantization ?? "", file.ChatTemplate, file);
    }
}
