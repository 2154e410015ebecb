using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

public sealed class ToolCallFormatDetectionTests
{
    /// <summary>
    /// Every template in llama.cpp's collection and the format we pick for it. Generic means no syntax we parse:
    /// either no tool support, or a syntax of its own (XML arguments, DSML, channels, …) that the model is then asked
    /// to replace with the Generic JSON answer.
    /// </summary>
    private static readonly Dictionary<string, ToolCallFormat> Expected = new()
    {
        ["NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use.jinja"] = ToolCallFormat.Hermes,
        ["NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja"] = ToolCallFormat.Hermes,
        ["Qwen-Qwen2.5-7B-Instruct.jinja"] = ToolCallFormat.Hermes,
        ["Qwen-Qwen3-0.6B.jinja"] = ToolCallFormat.Hermes,
        ["Qwen-QwQ-32B.jinja"] = ToolCallFormat.Hermes,
        ["MiMo-VL.jinja"] = ToolCallFormat.Hermes,
        ["ibm-granite-granite-4.0.jinja"] = ToolCallFormat.Hermes,
        ["ibm-granite-granite-4.1.jinja"] = ToolCallFormat.Hermes,
        ["Bielik-11B-v3.0-Instruct.jinja"] = ToolCallFormat.Hermes,
        ["Reka-Edge.jinja"] = ToolCallFormat.Hermes,
        ["meta-llama-Llama-3.1-8B-Instruct.jinja"] = ToolCallFormat.Llama3,
        ["meta-llama-Llama-3.2-3B-Instruct.jinja"] = ToolCallFormat.Llama3,
        ["meta-llama-Llama-3.3-70B-Instruct.jinja"] = ToolCallFormat.Llama3,
        ["mistralai-Mistral-Nemo-Instruct-2407.jinja"] = ToolCallFormat.MistralJsonArray,
        ["Mistral-Small-3.2-24B-Instruct-2506.jinja"] = ToolCallFormat.MistralNamedArgsWithId,
        ["unsloth-mistral-Devstral-Small-2507.jinja"] = ToolCallFormat.MistralNamedArgs,
        ["mistralai-Ministral-3-14B-Reasoning-2512.jinja"] = ToolCallFormat.MistralNamedArgs,
        ["deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja"] = ToolCallFormat.DeepSeekR1,
        ["deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja"] = ToolCallFormat.DeepSeekR1,
        ["llama-cpp-deepseek-r1.jinja"] = ToolCallFormat.DeepSeekR1,
        ["deepseek-ai-DeepSeek-V3.1.jinja"] = ToolCallFormat.DeepSeekV31,

        // Syntaxes of their own, or no tools at all.
        ["Apertus-8B-Instruct.jinja"] = ToolCallFormat.Generic,
        ["Apriel-1.6-15b-Thinker-fixed.jinja"] = ToolCallFormat.Generic,
        ["unsloth-Apriel-1.5.jinja"] = ToolCallFormat.Generic,
        ["ByteDance-Seed-OSS.jinja"] = ToolCallFormat.Generic,
        ["Cohere2MoE.jinja"] = ToolCallFormat.Generic,
        ["CohereForAI-c4ai-command-r-plus-tool_use.jinja"] = ToolCallFormat.Generic,
        ["CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja"] = ToolCallFormat.Generic,
        ["GLM-4.6.jinja"] = ToolCallFormat.Generic,
        ["GLM-4.7-Flash.jinja"] = ToolCallFormat.Generic,
        ["GigaChat3-10B-A1.8B.jinja"] = ToolCallFormat.Generic,
        ["GigaChat3.1-10B-A1.8B.jinja"] = ToolCallFormat.Generic,
        ["HuggingFaceTB-SmolLM3-3B.jinja"] = ToolCallFormat.Generic,
        ["Kimi-K2-Instruct.jinja"] = ToolCallFormat.Generic,
        ["Kimi-K2-Thinking.jinja"] = ToolCallFormat.Generic,
        ["Kimi-K3.jinja"] = ToolCallFormat.Generic,
        ["moonshotai-Kimi-K2.jinja"] = ToolCallFormat.Generic,
        ["LFM2-8B-A1B.jinja"] = ToolCallFormat.Generic,
        ["LFM2.5-8B-A1B.jinja"] = ToolCallFormat.Generic,
        ["LFM2.5-Instruct.jinja"] = ToolCallFormat.Generic,
        ["MiniMax-M1.jinja"] = ToolCallFormat.Generic,
        ["MiniMax-M2.jinja"] = ToolCallFormat.Generic,
        ["MiniMax-M3.jinja"] = ToolCallFormat.Generic,
        ["NVIDIA-Nemotron-3-Nano-30B-A3B-BF16.jinja"] = ToolCallFormat.Generic,
        ["NVIDIA-Nemotron-Nano-v2.jinja"] = ToolCallFormat.Generic,
        ["Qwen3-Coder.jinja"] = ToolCallFormat.Generic,
        ["Qwen3.5-4B.jinja"] = ToolCallFormat.Generic,
        ["Spark2.5.jinja"] = ToolCallFormat.Generic,
        ["StepFun3.5-Flash.jinja"] = ToolCallFormat.Generic,
        ["deepseek-ai-DeepSeek-V3.2.jinja"] = ToolCallFormat.Generic,
        ["deepseek-ai-DeepSeek-V4-Flash-0731.jinja"] = ToolCallFormat.Generic,
        ["deepseek-ai-DeepSeek-V4.jinja"] = ToolCallFormat.Generic,
        ["fireworks-ai-llama-3-firefunction-v2.jinja"] = ToolCallFormat.Generic,
        ["google-gemma-2-2b-it.jinja"] = ToolCallFormat.Generic,
        ["google-gemma-4-31B-it-interleaved.jinja"] = ToolCallFormat.Generic,
        ["google-gemma-4-31B-it.jinja"] = ToolCallFormat.Generic,
        ["ibm-granite-granite-3.3-2B-Instruct.jinja"] = ToolCallFormat.Generic,
        ["inclusionai-ling-3.0-flash.jinja"] = ToolCallFormat.Generic,
        ["llama-cpp-rwkv-world.jinja"] = ToolCallFormat.Generic,
        ["meetkai-functionary-medium-v3.1.jinja"] = ToolCallFormat.Generic,
        ["meetkai-functionary-medium-v3.2.jinja"] = ToolCallFormat.Generic,
        ["microsoft-Phi-3.5-mini-instruct.jinja"] = ToolCallFormat.Generic,
        ["muse-glimmer.jinja"] = ToolCallFormat.Generic,
        ["openai-gpt-oss-120b.jinja"] = ToolCallFormat.Generic,
        ["openbmb-MiniCPM5-1B.jinja"] = ToolCallFormat.Generic,
        ["poolside-Laguna-S-2.1.jinja"] = ToolCallFormat.Generic,
        ["poolside-Laguna-XS-2.1.jinja"] = ToolCallFormat.Generic,
        ["poolside-Laguna-XS.2.jinja"] = ToolCallFormat.Generic,
        ["tencent-Hy3.jinja"] = ToolCallFormat.Generic,
        ["upstage-Solar-Open-100B.jinja"] = ToolCallFormat.Generic,
    };

    [TemplatesFact]
    public void Detect_EveryUpstreamTemplate_GivesTheListedFormat()
    {
        var files = Directory.GetFiles(UpstreamTemplates.Folder, "*.jinja").Select(Path.GetFileName).Order().ToList();

        var wrong = files
            .Select(f => (File: f!, Got: ToolCallFormat.Detect(UpstreamTemplates.Read(f!))))
            .Where(x => !Expected.TryGetValue(x.File, out var want) || !ReferenceEquals(want, x.Got))
            .Select(x => $"{x.File}: {x.Got.Family}{(x.Got.CallIdMarker is null ? "" : " (with id)")}"
                + (Expected.TryGetValue(x.File, out var w) ? $", expected {w.Family}" : ", not listed"))
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(files.Count >= 60, $"only {files.Count} templates found in {UpstreamTemplates.Folder}");
    }

    public static TheoryData<string, string> Excerpts() => new()
    {
        // Short pieces of the real templates, so detection is checked without llama.cpp's tree.
        { "{{- '<|im_start|>' + message.role }}{{- '\\n<tool_call>\\n{\"name\": \"' }}{{- tool_call.name }}{{- '\", \"arguments\": ' }}", nameof(ToolCallFamily.Hermes) },
        { "{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' -}}{{- '{\"name\": \"' + tool_call.name + '\", ' }}{{- '\"parameters\": ' }}", nameof(ToolCallFamily.Llama3) },
        { "{{- \"[AVAILABLE_TOOLS][\" }}{{- \"[TOOL_CALLS][\" }}", nameof(ToolCallFamily.MistralJsonArray) },
        { "{{- \"[TOOL_CALLS]\" + tool['function']['name'] + \"[ARGS]\" + arguments }}", nameof(ToolCallFamily.MistralNamedArgs) },
        { "{{- '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\\n' + '```json' }}", nameof(ToolCallFamily.DeepSeekR1) },
        { "{{- '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>'+ tool['function']['name'] + '<｜tool▁sep｜>' + tool['function']['arguments'] }}", nameof(ToolCallFamily.DeepSeekV31) },
        { "{{- '\\n<tool_call>\\n<function=' + tool_call.name + '>\\n' }}{{- '<parameter=' + args_name + '>\\n' }}\"arguments\" \"name\"", nameof(ToolCallFamily.Generic) },
        { "{% for message in messages %}{{ message.content }}{% endfor %}", nameof(ToolCallFamily.Generic) },
    };

    [Theory]
    [MemberData(nameof(Excerpts))]
    public void Detect_TemplateExcerpt_GivesItsFamily(string source, string family)
    {
        Assert.Equal(family, ToolCallFormat.Detect(source).Family.ToString());
    }

    [Fact]
    public void Detect_MistralTemplateWithCallId_MarksTheId()
    {
        var format = ToolCallFormat.Detect("[TOOL_CALLS]' + name }}{{- '[CALL_ID]' + tool_call.id }}{{- '[ARGS]'");

        Assert.Equal("[CALL_ID]", format.CallIdMarker);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Detect_NoTemplate_GivesGeneric(string? source)
    {
        var format = ToolCallFormat.Detect(source);

        Assert.Same(ToolCallFormat.Generic, format);
        Assert.False(format.TemplateRendersTools);
    }
}
