namespace Locus.Llama.Tools;

/// <summary>How free the model is to call tools (OpenAI's tool_choice, without "none", which simply sends no tools).</summary>
internal enum ToolChoiceKind
{
    /// <summary>Text or calls, the model decides; the grammar waits (lazily) for the call opener.</summary>
    Auto,

    /// <summary>At least one call, straight away.</summary>
    Required,

    /// <summary>A call of one named tool, straight away.</summary>
    Named,
}
