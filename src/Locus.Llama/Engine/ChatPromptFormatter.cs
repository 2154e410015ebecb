using Locus.Core.Errors;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// Turns chat messages into the prompt text a model was trained on. Uses the GGUF's own template when llama.cpp
/// recognizes it, else the configured fallback (a llama.cpp built-in name, or <c>raw</c>: the message texts joined by
/// newlines, for base models), else refuses chat with an error that says how to fix it.
/// </summary>
internal sealed class ChatPromptFormatter
{
    /// <summary>The fallback that joins message texts without any markup (for base models such as stories260K).</summary>
    public const string Raw = "raw";

    private static readonly (string, string)[] Probe = [("user", "probe")];

    private readonly string? _template;
    private readonly string? _unavailableReason;

    private ChatPromptFormatter(string? template, string description, string? unavailableReason)
    {
        _template = template;
        Description = description;
        _unavailableReason = unavailableReason;
    }

    /// <summary>What is in use, for logs and <c>locus models</c>: "gguf", "fallback:chatml", "raw", or "none".</summary>
    public string Description { get; }

    public bool CanChat => _unavailableReason is null;

    public static ChatPromptFormatter Create(string modelId, string? ggufTemplate, string? fallback)
    {
        if (ggufTemplate is not null && LlamaApi.ApplyTemplate(ggufTemplate, Probe, addAssistant: true) is not null)
        {
            return new ChatPromptFormatter(ggufTemplate, "gguf", null);
        }

        if (fallback == Raw)
        {
            return new ChatPromptFormatter(null, Raw, null);
        }

        if (fallback is not null)
        {
            if (LlamaApi.ApplyTemplate(fallback, Probe, addAssistant: true) is null)
            {
                throw new LocusException(LocusError.Invalid(
                    $"llama.chat_template_fallback: '{fallback}' is not a llama.cpp built-in template; use '{Raw}' or one of: " +
                    string.Join(", ", LlamaApi.BuiltinTemplates()), "llama.chat_template_fallback"));
            }

            return new ChatPromptFormatter(fallback, "fallback:" + fallback, null);
        }

        var why = ggufTemplate is null ? "has no chat template" : "has a chat template that llama.cpp does not recognize";
        return new ChatPromptFormatter(null, "none",
            $"model '{modelId}' {why}. Set llama.chat_template_fallback (or LOCUS_LLAMA_CHAT_TEMPLATE_FALLBACK) to a built-in " +
            $"template such as chatml or llama3, or to '{Raw}' for a base model; /v1/completions works without one.");
    }

    public string Format(IEnumerable<ChatMessage> messages)
    {
        if (_unavailableReason is not null)
        {
            throw new LocusException(LocusError.Invalid(_unavailableReason, "messages", "chat_template_unavailable"));
        }

        var turns = messages.Select(m => (m.Role.Value, m.Text)).ToList();
        if (_template is null)
        {
            return string.Join("\n", turns.Select(t => t.Text));
        }

        return LlamaApi.ApplyTemplate(_template, turns, addAssistant: true)
            ?? throw new LlamaNativeException("a chat template that passed its probe was refused");
    }
}
