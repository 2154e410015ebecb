using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Locus.Wire.Ollama;

/// <summary><c>GET /api/tags</c>: the models served here.</summary>
public sealed class OllamaModelList
{
    public required List<OllamaModelEntry> Models { get; init; }
}

public sealed class OllamaModelEntry
{
    public required string Name { get; init; }

    public required string Model { get; init; }

    public required string ModifiedAt { get; init; }

    public long Size { get; init; }

    public required string Digest { get; init; }

    public required OllamaModelDetails Details { get; init; }
}

/// <summary><c>GET /api/ps</c>: the models loaded now (every model a Locus server serves is loaded).</summary>
public sealed class OllamaRunningList
{
    public required List<OllamaRunningModel> Models { get; init; }
}

public sealed class OllamaRunningModel
{
    public required string Name { get; init; }

    public required string Model { get; init; }

    public long Size { get; init; }

    public required string Digest { get; init; }

    public required OllamaModelDetails Details { get; init; }

    public required string ExpiresAt { get; init; }

    public long SizeVram { get; init; }

    public int ContextLength { get; init; }
}

/// <summary>What a model is, as far as this server knows: empty strings for what it does not (a cloud model's size).</summary>
public sealed class OllamaModelDetails
{
    public string ParentModel { get; init; } = "";

    public required string Format { get; init; }

    public required string Family { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Families { get; init; }

    public required string ParameterSize { get; init; }

    public required string QuantizationLevel { get; init; }
}

/// <summary><c>POST /api/show</c>.</summary>
public sealed class OllamaShowReply
{
    public string Modelfile { get; init; } = "";

    public string Parameters { get; init; } = "";

    public string Template { get; init; } = "";

    public required OllamaModelDetails Details { get; init; }

    /// <summary>The GGUF metadata (large arrays left empty unless <c>verbose</c>); empty for a model without a file here.</summary>
    public required JsonObject ModelInfo { get; init; }

    public required List<string> Capabilities { get; init; }

    public required string ModifiedAt { get; init; }
}

/// <summary><c>GET /api/version</c>.</summary>
public sealed class OllamaVersion
{
    public required string Version { get; init; }
}

/// <summary><c>POST /api/embed</c>.</summary>
public sealed class OllamaEmbedReply
{
    public required string Model { get; init; }

    public required float[][] Embeddings { get; init; }

    public long TotalDuration { get; init; }

    public long LoadDuration { get; init; }

    public long PromptEvalCount { get; init; }
}

/// <summary><c>POST /api/embeddings</c> (Ollama's older, single-text endpoint).</summary>
public sealed class OllamaEmbeddingReply
{
    public required float[] Embedding { get; init; }
}
