using Locus.Llama.Tools;

namespace Locus.Llama.Chat;

/// <summary>
/// What one chat request asks of the engine: the prompt (with its tools rendered), the grammar the output must follow,
/// and, when tools are offered, how to read calls out of the generated text.
/// </summary>
/// <param name="Prompt">The templated prompt.</param>
/// <param name="Grammar">Constrains the output (a JSON schema, or the tool-call syntax); null = free text.</param>
/// <param name="Tools">The tools the model may call; empty when it may call none.</param>
/// <param name="CallFormat">The syntax calls are parsed from; null when the model may call no tool.</param>
internal sealed record ChatTurnPlan(string Prompt, GrammarConstraint? Grammar, IReadOnlyList<ToolSpec> Tools, ToolCallFormat? CallFormat)
{
    public bool ParsesToolCalls => CallFormat is not null;
}
