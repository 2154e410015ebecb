using Locus.Core.Errors;
using Locus.Jinja;
using Locus.Llama.Native;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// Turns chat messages (and the tools a request offers) into the prompt text a model was trained on. The GGUF's own
/// Jinja template comes first, rendered by our interpreter exactly as Hugging Face renders it; when it does not parse
/// or render, llama.cpp's built-in template detected from it; else the configured fallback (a built-in name, or
/// <c>raw</c>: the message texts joined by newlines, for base models); else chat is refused with an error that says
/// how to fix it.
/// </summary>
internal sealed class ChatPromptFormatter
{
    /// <summary>The fallback that joins message texts without any markup (for base models such as stories260K).</summary>
    public const string Raw = "raw";

    private static readonly (string, string)[] Probe = [("user", "probe")];

    private readonly JinjaTemplate? _jinja;
    private readonly string? _builtin;
    private readonly string? _unavailableReason;
    private readonly TemplateTokens _tokens;
    private readonly TimeProvider _time;

    private ChatPromptFormatter(JinjaTemplate? jinja, string? builtin, string description, string? unavailableReason,
        TemplateTokens tokens, TimeProvider time, ToolCallFormat toolFormat)
    {
        _jinja = jinja;
        _builtin = builtin;
        Description = description;
        _unavailableReason = unavailableReason;
        _tokens = tokens;
        _time = time;
        ToolFormat = toolFormat;
        TemplateTakesTools = jinja is not null && toolFormat.TemplateRendersTools;
    }

    /// <summary>What is in use, for logs and <c>locus models</c>: "gguf", "gguf:builtin", "fallback:chatml", "raw", or "none".</summary>
    public string Description { get; }

    public bool CanChat => _unavailableReason is null;

    /// <summary>How this model writes tool calls, detected from its template (Generic when the template shows none).</summary>
    public ToolCallFormat ToolFormat { get; }

    /// <summary>
    /// The Jinja template renders the tools and the tool turns itself (its family is known); otherwise they are
    /// described in a system message and the model answers in the generic JSON form.
    /// </summary>
    public bool TemplateTakesTools { get; }

    public static ChatPromptFormatter Create(string modelId, string? ggufTemplate, string? fallback, TemplateTokens tokens, TimeProvider time)
    {
        var format = ToolCallFormat.Detect(ggufTemplate);
        if (ggufTemplate is not null && TryJinja(ggufTemplate, tokens, time) is { } jinja)
        {
            return new ChatPromptFormatter(jinja, null, "gguf", null, tokens, time, format);
        }

        if (ggufTemplate is not null && LlamaApi.ApplyTemplate(ggufTemplate, Probe, addAssistant: true) is not null)
        {
            return new ChatPromptFormatter(null, ggufTemplate, "gguf:builtin", null, tokens, time, ToolCallFormat.Generic);
        }

        if (fallback == Raw)
        {
            return new ChatPromptFormatter(null, null, Raw, null, tokens, time, ToolCallFormat.Generic);
        }

        if (fallback is not null)
        {
            if (LlamaApi.ApplyTemplate(fallback, Probe, addAssistant: true) is null)
            {
                throw new LocusException(LocusError.Invalid(
                    $"llama.chat_template_fallback: '{fallback}' is not a llama.cpp built-in template; use '{Raw}' or one of: " +
                    string.Join(", ", LlamaApi.BuiltinTemplates()), "llama.chat_template_fallback"));
            }

            return new ChatPromptFormatter(null, fallback, "fallback:" + fallback, null, tokens, time, ToolCallFormat.Generic);
        }

        var why = ggufTemplate is null ? "has no chat template" : "has a chat template that neither Locus nor llama.cpp can render";
        return new ChatPromptFormatter(null, null, "none",
            $"model '{modelId}' {why}. Set llama.chat_template_fallback (or LOCUS_LLAMA_CHAT_TEMPLATE_FALLBACK) to a built-in " +
            $"template such as chatml or llama3, or to '{Raw}' for a base model; /v1/completions works without one.",
            tokens, time, ToolCallFormat.Generic);
    }

    /// <summary>
    /// The prompt for <paramref name="messages"/>, ending where the assistant's answer begins. Tools go to a template
    /// that renders them; for any other template (and for tool turns it cannot show) they become plain text, in the
    /// generic JSON form the model is then constrained to answer in.
    /// </summary>
    public string Format(IEnumerable<ChatMessage> messages, IReadOnlyList<ToolSpec>? tools = null, ToolChoiceKind choice = ToolChoiceKind.Auto,
        string? namedTool = null)
    {
        if (_unavailableReason is not null)
        {
            throw new LocusException(LocusError.Invalid(_unavailableReason, "messages", "chat_template_unavailable"));
        }

        tools ??= [];
        var list = messages.ToList();
        if (!TemplateTakesTools && (tools.Count > 0 || list.Any(HasToolContent)))
        {
            list = PlainToolTranscript.AsPlainMessages(list, tools, choice, namedTool).ToList();
            tools = [];
        }

        if (_jinja is not null)
        {
            return Render(_jinja, ChatTemplateContext.Build(list, tools, _tokens.Bos, _tokens.Eos));
        }

        var turns = list.Select(m => (m.Role.Value, m.Text)).ToList();
        if (_builtin is null)
        {
            return string.Join("\n", turns.Select(t => t.Text));
        }

        return LlamaApi.ApplyTemplate(_builtin, turns, addAssistant: true)
            ?? throw new LlamaNativeException("a chat template that passed its probe was refused");
    }

    private string Render(JinjaTemplate template, IReadOnlyDictionary<string, object?> context)
    {
        string text;
        try
        {
            text = template.Render(context, _time);
        }
        catch (JinjaRaisedException e)
        {
            // The template itself refuses the conversation (e.g. roles that do not alternate): the caller's to fix.
            throw new LocusException(LocusError.Invalid($"The model's chat template refused these messages: {e.Message}", "messages",
                "chat_template_error"));
        }
        catch (JinjaRenderException e)
        {
            throw new LocusException(LocusError.Invalid($"The model's chat template could not render these messages: {e.Message}",
                "messages", "chat_template_error"));
        }

        // Templates write {{ bos_token }} themselves, and tokenizing adds one too when the vocabulary says so: keep one.
        return _tokens.AddsBos && _tokens.Bos.Length > 0 && text.StartsWith(_tokens.Bos, StringComparison.Ordinal)
            ? text[_tokens.Bos.Length..]
            : text;
    }

    private static JinjaTemplate? TryJinja(string source, TemplateTokens tokens, TimeProvider time)
    {
        try
        {
            var template = JinjaTemplate.Parse(source);
            // A template that cannot render the simplest conversation is no use; llama.cpp's detection may still know it.
            template.Render(ChatTemplateContext.Build([new ChatMessage(ChatRole.User, "probe")], [], tokens.Bos, tokens.Eos), time);
            return template;
        }
        catch (JinjaException)
        {
            return null;
        }
    }

    private static bool HasToolContent(ChatMessage message) =>
        message.Contents.Any(c => c is FunctionCallContent or FunctionResultContent);
}

/// <summary>The special-token texts a template is given, and whether tokenizing adds a BOS of its own.</summary>
internal sealed record TemplateTokens(string Bos, string Eos, bool AddsBos)
{
    public static TemplateTokens Of(IntPtr vocab) => new(LlamaApi.BosText(vocab), LlamaApi.EosText(vocab), LlamaApi.AddsBos(vocab));
}
