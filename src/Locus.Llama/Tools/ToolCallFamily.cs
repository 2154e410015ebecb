namespace Locus.Llama.Tools;

/// <summary>The tool-call syntaxes a model family writes, as its chat template shows them.</summary>
internal enum ToolCallFamily
{
    /// <summary>No known syntax in the template: the model answers with a JSON envelope described in the system prompt.</summary>
    Generic,

    /// <summary>Hermes 2/3, Qwen 2.5/3, QwQ, Granite 4, MiMo: <c>&lt;tool_call&gt;{"name": …, "arguments": …}&lt;/tool_call&gt;</c>.</summary>
    Hermes,

    /// <summary>Llama 3.1/3.2/3.3: a bare <c>{"name": …, "parameters": …}</c>, optionally after <c>&lt;|python_tag|&gt;</c>.</summary>
    Llama3,

    /// <summary>Mistral Nemo: <c>[TOOL_CALLS][{"name": …, "arguments": …, "id": …}, …]</c>.</summary>
    MistralJsonArray,

    /// <summary>Mistral Small 3.2, Devstral, Ministral 3: <c>[TOOL_CALLS]name[CALL_ID]id[ARGS]{…}</c> (the id only where the template has it).</summary>
    MistralNamedArgs,

    /// <summary>DeepSeek R1 (and its distills): <c>function&lt;｜tool▁sep｜&gt;name</c> then the arguments in a json code fence.</summary>
    DeepSeekR1,

    /// <summary>DeepSeek V3.1: <c>name&lt;｜tool▁sep｜&gt;{…}</c>, no type and no fence.</summary>
    DeepSeekV31,
}
