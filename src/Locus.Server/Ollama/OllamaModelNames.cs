using Locus.Core.Abstractions;
using Locus.Core.Errors;

namespace Locus.Server.Ollama;

/// <summary>
/// Ollama names models <c>name:tag</c>, the tag defaulting to <c>latest</c>. Locus ids have no tags, so
/// <c>/api/tags</c> lists each id <c>id:latest</c> (an id that has a colon already is listed as it is), and a request for
/// <c>x:latest</c> is served by the model <c>x</c> when no model is called <c>x:latest</c> itself. Any other tag must
/// be part of the id: <c>llama3.2:3b</c> finds only a model configured with that id.
/// </summary>
internal static class OllamaModelNames
{
    public const string DefaultTag = ":latest";

    /// <summary>The catalog id that serves <paramref name="name"/>, or a 404 in Ollama's words.</summary>
    public static string Resolve(IModelCatalog catalog, string name)
    {
        if (catalog.Find(name) is not null)
        {
            return name;
        }

        if (name.EndsWith(DefaultTag, StringComparison.Ordinal) && name[..^DefaultTag.Length] is { Length: > 0 } bare && catalog.Find(bare) is not null)
        {
            return bare;
        }

        throw NotFound(name);
    }

    /// <summary>How <c>/api/tags</c> and <c>/api/ps</c> name the model <paramref name="id"/>.</summary>
    public static string Listed(string id) => id.Contains(':', StringComparison.Ordinal) ? id : id + DefaultTag;

    /// <summary>Ollama's own message for an unknown model: <c>model 'x' not found</c>, status 404.</summary>
    public static LocusException NotFound(string name) =>
        new(new LocusError(LocusErrorKind.ModelNotFound, $"model '{Shorten(name)}' not found", "model", "model_not_found"));

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";
}
