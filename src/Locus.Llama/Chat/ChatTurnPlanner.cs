using System.Text;
using System.Text.Json;
using Locus.Core.Errors;
using Locus.Grammar;
using Locus.Llama.Native;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// Decides, per request, how a local model serves tools and structured output: which tools it sees, the grammar that
/// constrains it (a tool call forced for <c>required</c> and named choices, a lazy one that wakes at the call opener
/// for <c>auto</c>, the JSON schema of <c>response_format</c>), and the prompt. Every schema problem is a 400 that
/// names where in the request it is.
/// </summary>
internal static class ChatTurnPlanner
{
    private static readonly JsonElement AnyObject = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    public static ChatTurnPlan Plan(ChatPromptFormatter formatter, IntPtr vocab, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var tools = Tools(options);
        var (choice, named) = Choice(options?.ToolMode);
        if (tools.Count > 0 && choice is not null)
        {
            var format = formatter.ToolFormat;
            var prompt = formatter.Format(messages, tools, choice.Value, named);
            var builder = new GbnfRules();
            ToolCallGrammarPlan plan;
            try
            {
                // A named choice asks for that one call (as OpenAI's forced function does); otherwise parallel calls unless refused.
                var parallel = choice != ToolChoiceKind.Named && (options?.AllowMultipleToolCalls ?? true);
                plan = ToolCallGrammar.Build(format, tools, choice.Value, named, parallel, builder);
            }
            catch (SchemaGrammarException e)
            {
                throw SchemaError(ToolParam(tools, builder.CurrentSchema) + Suffix(e.Path), e.Message);
            }

            var grammar = new GrammarConstraint(plan.Grammar, "root",
                plan.Lazy ? plan.TriggerPatterns : null,
                plan.Lazy ? TriggerTokens(vocab, plan.TriggerTokenTexts) : null);
            return new ChatTurnPlan(prompt, grammar, tools, format);
        }

        var text = formatter.Format(messages);
        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            try
            {
                var grammar = JsonSchemaGrammar.Convert(json.Schema ?? AnyObject, JsonGrammarStyle.Tight);
                return new ChatTurnPlan(text, new GrammarConstraint(grammar), [], null);
            }
            catch (SchemaGrammarException e)
            {
                throw SchemaError("response_format.json_schema.schema" + Suffix(e.Path), e.Message);
            }
        }

        return new ChatTurnPlan(text, null, [], null);
    }

    private static List<ToolSpec> Tools(ChatOptions? options) =>
        options?.Tools?.OfType<AIFunctionDeclaration>().Select(t => new ToolSpec(t.Name, t.Description is { Length: > 0 } d ? d : null, t.JsonSchema)).ToList()
        ?? [];

    /// <summary>auto, required (any tool) or one named tool; null when the model may not call tools.</summary>
    private static (ToolChoiceKind?, string?) Choice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => (null, null),
        RequiredChatToolMode { RequiredFunctionName: { } name } => (ToolChoiceKind.Named, name),
        RequiredChatToolMode => (ToolChoiceKind.Required, null),
        _ => (ToolChoiceKind.Auto, null),
    };

    /// <summary>Trigger texts that are single tokens (a special opener such as <c>&lt;tool_call&gt;</c>) as token ids.</summary>
    private static List<int> TriggerTokens(IntPtr vocab, IReadOnlyList<string> texts)
    {
        var tokens = new List<int>();
        foreach (var text in texts)
        {
            var ids = LlamaApi.Tokenize(vocab, Encoding.UTF8.GetBytes(text), addSpecial: false, parseSpecial: true);
            if (ids.Length == 1)
            {
                tokens.Add(ids[0]);
            }
        }

        return tokens;
    }

    /// <summary>Which tool's schema failed: the composer names each tool's rules "tool-INDEX-NAME-args".</summary>
    private static string ToolParam(List<ToolSpec> tools, string? schemaName)
    {
        var parts = schemaName?.Split('-');
        return parts is { Length: > 2 } && parts[0] == "tool" && int.TryParse(parts[1], out var index) && index < tools.Count
            ? $"tools[{index}].function.parameters"
            : "tools";
    }

    private static string Suffix(string? path) => string.IsNullOrEmpty(path) ? "" : "." + path;

    private static LocusException SchemaError(string param, string message) =>
        new(LocusError.Invalid($"Invalid schema at '{param}': {message} Local models follow the schema with a grammar, " +
            "and this part of it cannot be turned into one.", param, "invalid_schema"));

    /// <summary>The converter behind the tool-call grammar, remembering which tool's schema it is converting.</summary>
    private sealed class GbnfRules : IGrammarRules
    {
        private readonly GbnfBuilder _builder = new(JsonGrammarStyle.Tight);

        public string? CurrentSchema { get; private set; }

        public string AddSchema(JsonElement schema, string name)
        {
            CurrentSchema = name;
            return _builder.AddSchema(schema, name);
        }

        public void AddRule(string name, string body) => _builder.AddRule(name, body);

        public string Build() => _builder.Build();
    }
}
