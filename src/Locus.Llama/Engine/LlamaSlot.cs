using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// One llama context (its own KV cache and compute thread pool) that runs one generation at a time. The scheduler hands
/// slots to requests; a slot is reused across requests, its KV cache cleared each time.
/// </summary>
internal sealed unsafe class LlamaSlot : IDisposable
{
    private const int PieceBufferBytes = 4096;

    private readonly SafeContextHandle _context;
    private readonly SafeThreadpoolHandle? _threadpool;
    private readonly IntPtr _vocab;
    private readonly int _batchSize;

    // Read by llama.cpp's abort callback between graph nodes, so it lives in native memory: no GC handle on the hot path.
    private readonly int* _abortFlag;
    private readonly SlotWorker _worker = new("locus-slot");

    private LlamaSlot(SafeContextHandle context, SafeThreadpoolHandle? threadpool, IntPtr vocab, int batchSize, int* abortFlag)
    {
        _context = context;
        _threadpool = threadpool;
        _vocab = vocab;
        _batchSize = batchSize;
        _abortFlag = abortFlag;
        ContextLength = LlamaApi.ContextLength(context);
    }

    public int ContextLength { get; }

    public static LlamaSlot Create(SafeModelHandle model, IntPtr vocab, int contextLength, int batchSize, int threads)
    {
        var abortFlag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        var parameters = LlamaApi.llama_context_default_params();
        parameters.NCtx = (uint)contextLength;
        parameters.NBatch = (uint)batchSize;
        parameters.NUbatch = (uint)batchSize;
        parameters.NSeqMax = 1;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;

        var context = LlamaApi.CreateContext(model, parameters);
        if (context is null)
        {
            NativeMemory.Free(abortFlag);
            throw new LlamaNativeException($"llama_init_from_model failed for a {contextLength}-token context (out of memory?)");
        }

        var threadpool = GgmlApi.CreateThreadpool(threads);
        if (threadpool is not null)
        {
            LlamaApi.AttachThreadpool(context, threadpool);
        }

        return new LlamaSlot(context, threadpool, vocab, batchSize, abortFlag);
    }

    /// <summary>Asks a running generation to stop at the next graph node or token. Safe from any thread.</summary>
    public void RequestAbort() => Volatile.Write(ref *_abortFlag, 1);

    /// <summary>Runs one generation on the slot's own thread; the task is cancelled when generation was aborted.</summary>
    public Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        _worker.RunAsync(() => Run(request, cancellationToken));

    /// <summary>Runs one generation on the calling thread. Throws <see cref="OperationCanceledException"/> when aborted.</summary>
    private GenerationResult Run(GenerationRequest request, CancellationToken cancellationToken)
    {
        Volatile.Write(ref *_abortFlag, 0);
        using var registration = cancellationToken.Register(static slot => ((LlamaSlot)slot!).RequestAbort(), this);
        var added = false;
        _context.DangerousAddRef(ref added);
        try
        {
            var context = _context.DangerousGetHandle();
            LlamaApi.ClearMemory(context);
            using var sampler = SamplerFactory.Create(request.Sampling, LlamaApi.VocabSize(_vocab));

            // The abort callback lets a cancelled request stop inside a long prompt batch. ggml calls it after every
            // graph node, a managed transition each time: worth it for batches, not for one-token decodes, where the
            // loop itself checks between tokens.
            var promptStart = Stopwatch.GetTimestamp();
            LlamaApi.SetAbortCallback(context, &ShouldAbort, _abortFlag);
            try
            {
                EvaluatePrompt(context, request.PromptTokens, cancellationToken);
            }
            finally
            {
                LlamaApi.SetAbortCallback(context, null, null);
            }

            var promptTime = Stopwatch.GetElapsedTime(promptStart);

            var generationStart = Stopwatch.GetTimestamp();
            var meter = request.MeasureConfidence ? new ConfidenceMeter() : null;
            var (finish, generated, stop) = Generate(context, sampler.DangerousGetHandle(), request, meter, cancellationToken);
            return new GenerationResult(finish, request.PromptTokens.Length, generated, promptTime, Stopwatch.GetElapsedTime(generationStart), stop,
                meter?.Summary());
        }
        finally
        {
            _context.DangerousRelease();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EvaluatePrompt(IntPtr context, int[] tokens, CancellationToken cancellationToken)
    {
        fixed (int* prompt = tokens)
        {
            for (var offset = 0; offset < tokens.Length; offset += _batchSize)
            {
                var count = Math.Min(_batchSize, tokens.Length - offset);
                var result = LlamaApi.Decode(context, prompt + offset, count);
                ThrowIfAborted(result, cancellationToken);
                if (result == 1)
                {
                    throw new LlamaNativeException($"no KV cache room for a {tokens.Length}-token prompt in a {ContextLength}-token context");
                }
            }
        }
    }

    // Optimized from the first call: on two cores, tiering this loop up in the background competes with llama.cpp.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (ChatFinishReason Finish, int Generated, string? StopSequence) Generate(IntPtr context, IntPtr sampler, GenerationRequest request,
        ConfidenceMeter? meter, CancellationToken cancellationToken)
    {
        var vocabSize = meter is null ? 0 : LlamaApi.VocabSize(_vocab);
        var room = ContextLength - request.PromptTokens.Length;
        var limit = Math.Min(request.MaxTokens ?? room, room);
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var filter = new StopSequenceFilter(request.StopSequences);
        var piece = stackalloc byte[PieceBufferBytes];
        var chars = new char[PieceBufferBytes + 4];
        var finish = ChatFinishReason.Length;
        var generated = 0;

        while (generated < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = LlamaApi.Sample(sampler, context);
            if (!request.IgnoreEndOfGeneration && LlamaApi.IsEndOfGeneration(_vocab, token))
            {
                finish = ChatFinishReason.Stop;
                break;
            }

            generated++;
            // Read before the next decode overwrites them; the sampler worked on its own copy.
            meter?.Add(TokenBelief.Measure(LlamaApi.LastLogits(context, vocabSize), token));
            var length = LlamaApi.TokenToPiece(_vocab, token, new Span<byte>(piece, PieceBufferBytes), renderSpecial: false);
            var charCount = decoder.GetChars(new ReadOnlySpan<byte>(piece, length), chars, flush: false);
            if (charCount > 0 && Emit(filter, new string(chars, 0, charCount), request.OnText))
            {
                finish = ChatFinishReason.Stop;
                break;
            }

            if (generated == limit)
            {
                break;
            }

            var result = LlamaApi.Decode(context, &token, 1);
            ThrowIfAborted(result, cancellationToken);
            if (result == 1)
            {
                break;
            }
        }

        // A token cut mid-character at the end becomes U+FFFD, as other servers do.
        var tail = decoder.GetChars(ReadOnlySpan<byte>.Empty, chars, flush: true);
        if (!filter.Stopped && tail > 0)
        {
            Emit(filter, new string(chars, 0, tail), request.OnText);
        }

        var rest = filter.Flush();
        if (rest.Length > 0)
        {
            request.OnText(rest);
        }

        return (filter.Stopped ? ChatFinishReason.Stop : finish, generated, filter.Matched);
    }

    private static bool Emit(StopSequenceFilter filter, string text, Action<string> onText)
    {
        var visible = filter.Push(text);
        if (visible.Length > 0)
        {
            onText(visible);
        }

        return filter.Stopped;
    }

    private void ThrowIfAborted(int decodeResult, CancellationToken cancellationToken)
    {
        if (decodeResult == 2 || Volatile.Read(ref *_abortFlag) != 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("generation aborted");
        }
    }

    [UnmanagedCallersOnly]
    private static byte ShouldAbort(IntPtr flag) => *(int*)flag != 0 ? (byte)1 : (byte)0;

    public void Dispose()
    {
        _worker.Dispose();
        _context.Dispose();
        _threadpool?.Dispose();
        NativeMemory.Free(_abortFlag);
    }
}
