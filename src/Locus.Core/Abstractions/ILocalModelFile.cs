namespace Locus.Core.Abstractions;

/// <summary>
/// The model file a local backend serves, for APIs that describe models by their file (Ollama's <c>/api/tags</c> and
/// <c>/api/show</c> report format, family, size and quantization). Reached with
/// <c>IChatClient.GetService(typeof(ILocalModelFile))</c>; a cloud backend has none.
/// </summary>
public interface ILocalModelFile
{
    /// <summary>The full path of the GGUF file.</summary>
    string FilePath { get; }
}
