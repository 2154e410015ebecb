using System.Diagnostics;
using System.Runtime.InteropServices;
using Locus.Llama.Native;

namespace Locus.Llama.Tests.Interop;

/// <summary>
/// A wrong struct layout fails silently (garbage parameters), so the managed mirrors are proven three ways: against the
/// C compiler's own offsets for the exact header (when the source is present), against the offsets documented for this
/// build, and by reading the native library's default parameters through them.
/// </summary>
public sealed class StructLayoutTests
{
    public static TheoryData<string, int> ManagedLayout() => new()
    {
        { "llama_model_params", Marshal.SizeOf<LlamaModelParams>() },
        { "llama_model_params.n_gpu_layers", Offset<LlamaModelParams>(nameof(LlamaModelParams.NGpuLayers)) },
        { "llama_model_params.load_mode", Offset<LlamaModelParams>(nameof(LlamaModelParams.LoadMode)) },
        { "llama_model_params.lazy_mode", Offset<LlamaModelParams>(nameof(LlamaModelParams.LazyMode)) },
        { "llama_model_params.main_gpu", Offset<LlamaModelParams>(nameof(LlamaModelParams.MainGpu)) },
        { "llama_model_params.tensor_split", Offset<LlamaModelParams>(nameof(LlamaModelParams.TensorSplit)) },
        { "llama_model_params.progress_callback", Offset<LlamaModelParams>(nameof(LlamaModelParams.ProgressCallback)) },
        { "llama_model_params.progress_callback_user_data", Offset<LlamaModelParams>(nameof(LlamaModelParams.ProgressCallbackUserData)) },
        { "llama_model_params.kv_overrides", Offset<LlamaModelParams>(nameof(LlamaModelParams.KvOverrides)) },
        { "llama_model_params.vocab_only", Offset<LlamaModelParams>(nameof(LlamaModelParams.VocabOnly)) },
        { "llama_model_params.use_extra_bufts", Offset<LlamaModelParams>(nameof(LlamaModelParams.UseExtraBufts)) },
        { "llama_model_params.load_mtp", Offset<LlamaModelParams>(nameof(LlamaModelParams.LoadMtp)) },
        { "llama_context_params", Marshal.SizeOf<LlamaContextParams>() },
        { "llama_context_params.n_ctx", Offset<LlamaContextParams>(nameof(LlamaContextParams.NCtx)) },
        { "llama_context_params.n_batch", Offset<LlamaContextParams>(nameof(LlamaContextParams.NBatch)) },
        { "llama_context_params.n_ubatch", Offset<LlamaContextParams>(nameof(LlamaContextParams.NUbatch)) },
        { "llama_context_params.n_seq_max", Offset<LlamaContextParams>(nameof(LlamaContextParams.NSeqMax)) },
        { "llama_context_params.n_threads", Offset<LlamaContextParams>(nameof(LlamaContextParams.NThreads)) },
        { "llama_context_params.n_threads_batch", Offset<LlamaContextParams>(nameof(LlamaContextParams.NThreadsBatch)) },
        { "llama_context_params.flash_attn_type", Offset<LlamaContextParams>(nameof(LlamaContextParams.FlashAttnType)) },
        { "llama_context_params.rope_freq_base", Offset<LlamaContextParams>(nameof(LlamaContextParams.RopeFreqBase)) },
        { "llama_context_params.defrag_thold", Offset<LlamaContextParams>(nameof(LlamaContextParams.DefragThold)) },
        { "llama_context_params.cb_eval", Offset<LlamaContextParams>(nameof(LlamaContextParams.CbEval)) },
        { "llama_context_params.type_k", Offset<LlamaContextParams>(nameof(LlamaContextParams.TypeK)) },
        { "llama_context_params.type_v", Offset<LlamaContextParams>(nameof(LlamaContextParams.TypeV)) },
        { "llama_context_params.abort_callback", Offset<LlamaContextParams>(nameof(LlamaContextParams.AbortCallback)) },
        { "llama_context_params.abort_callback_data", Offset<LlamaContextParams>(nameof(LlamaContextParams.AbortCallbackData)) },
        { "llama_context_params.embeddings", Offset<LlamaContextParams>(nameof(LlamaContextParams.Embeddings)) },
        { "llama_context_params.no_perf", Offset<LlamaContextParams>(nameof(LlamaContextParams.NoPerf)) },
        { "llama_context_params.kv_unified", Offset<LlamaContextParams>(nameof(LlamaContextParams.KvUnified)) },
        { "llama_context_params.samplers", Offset<LlamaContextParams>(nameof(LlamaContextParams.Samplers)) },
        { "llama_context_params.n_samplers", Offset<LlamaContextParams>(nameof(LlamaContextParams.NSamplers)) },
        { "llama_context_params.ctx_other", Offset<LlamaContextParams>(nameof(LlamaContextParams.CtxOther)) },
        { "llama_batch", Marshal.SizeOf<LlamaBatch>() },
        { "llama_batch.token", Offset<LlamaBatch>(nameof(LlamaBatch.Token)) },
        { "llama_batch.logits", Offset<LlamaBatch>(nameof(LlamaBatch.Logits)) },
        { "llama_chat_message", Marshal.SizeOf<LlamaChatMessage>() },
        { "llama_sampler_chain_params", Marshal.SizeOf<LlamaSamplerChainParams>() },
        { "llama_perf_context_data", Marshal.SizeOf<LlamaPerfContextData>() },
        { "llama_perf_context_data.n_p_eval", Offset<LlamaPerfContextData>(nameof(LlamaPerfContextData.NPromptEval)) },
        { "llama_perf_context_data.n_reused", Offset<LlamaPerfContextData>(nameof(LlamaPerfContextData.NReused)) },
        { "ggml_threadpool_params", Marshal.SizeOf<GgmlThreadpoolParams>() },
        { "ggml_threadpool_params.n_threads", Offset<GgmlThreadpoolParams>(nameof(GgmlThreadpoolParams.NThreads)) },
        { "ggml_threadpool_params.poll", Offset<GgmlThreadpoolParams>(nameof(GgmlThreadpoolParams.Poll)) },
        { "ggml_threadpool_params.paused", Offset<GgmlThreadpoolParams>(nameof(GgmlThreadpoolParams.Paused)) },
    };

    private static readonly Lazy<Dictionary<string, int>> CompilerLayout = new(RunProbe);

    [LlamaSourceTheory]
    [MemberData(nameof(ManagedLayout))]
    public void ManagedLayout_MatchesCompiledHeader(string member, int managed)
    {
        var native = CompilerLayout.Value;
        Assert.True(native.ContainsKey(member), $"probe did not print {member}");
        Assert.Equal(native[member], managed);
    }

    [Fact]
    public void Sizes_MatchDocumentedLayoutOfThisBuild()
    {
        // From ../shared/docs/llama-cpp-notes.md (x86-64).
        Assert.Equal(80, Marshal.SizeOf<LlamaModelParams>());
        Assert.Equal(160, Marshal.SizeOf<LlamaContextParams>());
        Assert.Equal(56, Marshal.SizeOf<LlamaBatch>());
        Assert.Equal(16, Marshal.SizeOf<LlamaChatMessage>());
        Assert.Equal(1, Marshal.SizeOf<LlamaSamplerChainParams>());
        Assert.Equal(48, Marshal.SizeOf<LlamaPerfContextData>());
        Assert.Equal(24, Offset<LlamaModelParams>(nameof(LlamaModelParams.LoadMode)));
        Assert.Equal(112, Offset<LlamaContextParams>(nameof(LlamaContextParams.AbortCallback)));
        Assert.Equal(130, Offset<LlamaContextParams>(nameof(LlamaContextParams.NoPerf)));
        Assert.Equal(152, Offset<LlamaContextParams>(nameof(LlamaContextParams.CtxOther)));
    }

    private static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    internal static string SourceDir => Environment.GetEnvironmentVariable("LOCUS_LLAMA_SOURCE_DIR")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "locus", "llama-src-3.22.1");

    private static Dictionary<string, int> RunProbe()
    {
        var source = SourceDir;

        var exe = Path.Combine(Path.GetTempPath(), $"locus-layout-probe-{Environment.ProcessId}");
        var probe = Path.Combine(AppContext.BaseDirectory, "Interop", "layout_probe.c");
        Run("cc", $"-I{source}/include -I{source}/ggml/include -o {exe} {probe}");
        var output = Run(exe, "");
        File.Delete(exe);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1]));
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}

/// <summary>Skipped, saying how to fix it, when the llama.cpp source matching the natives is not on this machine.</summary>
public sealed class LlamaSourceTheoryAttribute : TheoryAttribute
{
    public LlamaSourceTheoryAttribute()
    {
        if (!File.Exists(Path.Combine(StructLayoutTests.SourceDir, "include", "llama.h")))
        {
            Skip = "llama.cpp source not found: run build/fetch-llama-source.sh (CI does) to check layouts against the header";
        }
    }
}
