using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Locus.Core.Abstractions;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// Continuous batching over one llama context: every slot is a sequence id of one shared KV cache, and one thread
/// advances every running generation with a single <c>llama_decode</c> per step. A step carries one token for each
/// generating sequence first, then fills what is left of its token budget with prompt chunks of newly admitted
/// requests, oldest first, so running streams keep moving while a long prompt is evaluated piece by piece.
/// </summary>
/// <remarks>
/// After a request ends, its slot keeps its KV cells and the tokens behind them. The next request takes the idle slot
/// whose cache shares the longest prefix with its prompt and evaluates only the rest (a repeated system prompt and
/// tool list costs nothing the second time). A cancelled request's cells are dropped at once; only its own.
/// </remarks>
internal sealed unsafe partial class BatchEngine : IDisposable
{
    private readonly SafeContextHandle _context;
    private readonly SafeThreadpoolHandle? _threadpool;
    private readonly IntPtr _vocab;
    private readonly int _vocabSize;
    private readonly SequenceSlot[] _slots;
    private readonly NativeBatch _batch;
    private readonly int _stepBudget;
    private readonly bool _reusePrefixes;
    private readonly ConcurrentQueue<Generation> _arrivals = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly List<Generation> _admissionOrder = [];
    private readonly ConcurrentQueue<Action<IntPtr>> _inspections = new();

    // Read by llama.cpp's abort callback between graph nodes, so it lives in native memory: no GC handle on the hot path.
    private readonly AbortState* _abort;
    private readonly EngineCounters _counters = new();
    private volatile bool _stopping;

    public BatchEngine(SafeContextHandle context, SafeThreadpoolHandle? threadpool, IntPtr vocab, int parallel, int stepBudget, bool reusePrefixes,
        string name)
    {
        _context = context;
        _threadpool = threadpool;
        _vocab = vocab;
        _vocabSize = LlamaApi.VocabSize(vocab);
        ContextPerSlot = LlamaApi.SequenceContextLength(context);
        _slots = Enumerable.Range(0, parallel).Select(i => new SequenceSlot(i)).ToArray();
        _stepBudget = Math.Max(stepBudget, parallel);
        _batch = new NativeBatch(_stepBudget);
        _reusePrefixes = reusePrefixes;
        _abort = (AbortState*)NativeMemory.AllocZeroed((nuint)sizeof(AbortState));
        _thread = new Thread(Loop) { IsBackground = true, Name = "locus-engine-" + name };
        _thread.Start();
    }

    /// <summary>Tokens of context each sequence may fill (the context divided between the slots).</summary>
    public int ContextPerSlot { get; }

    public int SlotCount => _slots.Length;

    /// <summary>Queues a request; it is admitted at the next step. The scheduler ensures a slot is free for it.</summary>
    public Task<GenerationResult> RunAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var generation = new Generation(request, ContextPerSlot);
        generation.Watch(OnCancelled, cancellationToken);
        _arrivals.Enqueue(generation);
        _wake.Set();
        return generation.Task;
    }

    public EngineSnapshot Snapshot() => _counters.Snapshot(_slots.Length, ContextPerSlot * _slots.Length);

    /// <summary>
    /// Per slot: the KV cells llama.cpp itself says the sequence holds (highest position + 1) and the tokens the engine
    /// believes are behind them. Read on the engine thread between steps, so it never races a decode.
    /// </summary>
    public Task<IReadOnlyList<(int LlamaCells, int EngineTokens)>> InspectCellsAsync()
    {
        var done = new TaskCompletionSource<IReadOnlyList<(int, int)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inspections.Enqueue(context => done.TrySetResult(
            _slots.Select(s => (LlamaApi.SequenceMaxPosition(context, s.Id) + 1, s.Cached.Count)).ToArray()));
        _wake.Set();
        return done.Task;
    }

    private void OnCancelled(Generation generation)
    {
        if (generation.Slot is var slot and >= 0)
        {
            Interlocked.Or(ref _abort->Cancelled, 1UL << slot);
        }

        _wake.Set();
    }

    private void Loop()
    {
        var context = _context.DangerousGetHandle();
        while (!_stopping)
        {
            try
            {
                while (_inspections.TryDequeue(out var inspect))
                {
                    inspect(context);
                }

                Admit(context);
                DropCancelled(context);
                if (_admissionOrder.Count == 0)
                {
                    _wake.WaitOne();
                    continue;
                }

                Step(context);
            }
            catch (Exception e)
            {
                // A failure no single request owns (llama.cpp returned an error): the requests in flight end with it,
                // and the engine goes on serving the next ones rather than leaving every caller waiting forever.
                foreach (var generation in _admissionOrder.ToArray())
                {
                    Release(context, generation, keepCache: false);
                    generation.Fail(e);
                }
            }
        }

        foreach (var generation in _admissionOrder.Concat(_arrivals))
        {
            generation.Fail(new ObjectDisposedException("the model was unloaded"));
            generation.Dispose();
        }
    }

    private void Admit(IntPtr context)
    {
        while (_arrivals.TryDequeue(out var generation))
        {
            if (generation.IsCancelled)
            {
                generation.Cancelled();
                generation.Dispose();
                continue;
            }

            var prompt = generation.Request.PromptTokens;
            var (slot, shared) = PrefixMatch.Choose(_slots, prompt, _reusePrefixes && generation.Request.ReusePrefix);
            if (slot is null)
            {
                // The scheduler admits no more requests than there are slots; a request that still finds none is a bug.
                generation.Fail(new InvalidOperationException("no free slot for an admitted request"));
                generation.Dispose();
                continue;
            }

            // At least the last prompt token is evaluated again: its logits pick the first new token.
            var reused = Math.Max(0, Math.Min(shared, prompt.Length - 1));
            if (!LlamaApi.RemoveSequenceTail(context, slot.Id, reused))
            {
                LlamaApi.ClearSequence(context, slot.Id);
                reused = 0;
            }

            _counters.Resize(slot.Cached.Count, reused);
            slot.Cached.RemoveRange(reused, slot.Cached.Count - reused);
            Interlocked.And(ref _abort->Cancelled, ~(1UL << slot.Id));
            try
            {
                generation.Admit(slot.Id, reused, _vocab, _vocabSize, Stopwatch.GetTimestamp());
            }
            catch (LlamaNativeException e)
            {
                // Its sampler could not be built (a grammar llama.cpp refused): this request fails, the slot stays free.
                generation.Fail(e);
                generation.Dispose();
                continue;
            }

            slot.Active = generation;
            _counters.Admitted(prompt.Length, reused);
            _admissionOrder.Add(generation);
            if (generation.IsCancelled)
            {
                OnCancelled(generation);
            }
        }
    }

    private void DropCancelled(IntPtr context)
    {
        for (var i = _admissionOrder.Count - 1; i >= 0; i--)
        {
            var generation = _admissionOrder[i];
            if (generation.IsCancelled)
            {
                Release(context, generation, keepCache: false);
                generation.Cancelled();
            }
        }
    }

    /// <summary>Ends a generation's hold on its slot: its cache stays for prefix reuse unless dropped.</summary>
    private void Release(IntPtr context, Generation generation, bool keepCache)
    {
        var slot = _slots[generation.Slot];
        if (!keepCache || !_reusePrefixes)
        {
            LlamaApi.ClearSequence(context, slot.Id);
            _counters.Resize(slot.Cached.Count, 0);
            slot.Cached.Clear();
        }

        slot.Active = null;
        _counters.Released();
        slot.LastUsed = Stopwatch.GetTimestamp();
        _admissionOrder.Remove(generation);
        generation.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(IntPtr context)
    {
        // Running streams first: one token each, so a long prompt never stalls them for more than one budgeted step.
        // Then prompt chunks, oldest request first, in what is left of the step's budget.
        var room = _stepBudget;
        var generating = 0;
        foreach (var generation in _admissionOrder)
        {
            generation.OutputIndex = -1;
            generation.Scheduled = generation.PromptDone && generation.PendingToken >= 0 ? 1 : 0;
            room -= generation.Scheduled;
            generating += generation.Scheduled;
        }

        var prompts = 0;
        foreach (var generation in _admissionOrder)
        {
            if (!generation.PromptDone && room > 0)
            {
                generation.Scheduled = Math.Min(room, generation.Request.PromptTokens.Length - generation.Evaluated);
                room -= generation.Scheduled;
                prompts += generation.Scheduled;
            }
        }

        // The batch lists sequences in id order: with one KV stream per sequence, llama.cpp puts consecutive sequence
        // ids into one micro-batch, so any other order splits a step into several graph computations.
        _batch.Clear();
        ulong participants = 0;
        foreach (var slot in _slots)
        {
            if (slot.Active is not { Scheduled: > 0 } generation)
            {
                continue;
            }

            participants |= 1UL << slot.Id;
            if (generation.PromptDone)
            {
                generation.OutputIndex = _batch.Add(generation.PendingToken, slot.Cached.Count, slot.Id, wantLogits: true);
                continue;
            }

            var prompt = generation.Request.PromptTokens;
            var start = generation.Evaluated;
            for (var i = 0; i < generation.Scheduled; i++)
            {
                var last = start + i == prompt.Length - 1;
                var index = _batch.Add(prompt[start + i], start + i, slot.Id, wantLogits: last);
                if (last)
                {
                    generation.OutputIndex = index;
                }
            }
        }

        var started = Stopwatch.GetTimestamp();
        var result = Decode(context, participants, abortable: prompts > 0);
        var now = Stopwatch.GetTimestamp();
        if (result != 0)
        {
            Abandon(context, participants, result);
            return;
        }

        _counters.Stepped(generating, prompts, now - started);
        Collect(context, now);
    }

    private int Decode(IntPtr context, ulong participants, bool abortable)
    {
        // ggml calls the abort callback after every graph node, a managed transition each time: worth it for a step
        // that evaluates prompt tokens (it can take seconds), not for a step of single-token decodes.
        if (!abortable)
        {
            return LlamaApi.Decode(context, _batch.View);
        }

        _abort->Participants = participants;
        LlamaApi.SetAbortCallback(context, &ShouldAbort, _abort);
        try
        {
            return LlamaApi.Decode(context, _batch.View);
        }
        finally
        {
            LlamaApi.SetAbortCallback(context, null, null);
        }
    }

    /// <summary>Records what the decode put in each sequence's cache, then samples and emits for every generation with logits.</summary>
    private void Collect(IntPtr context, long now)
    {
        for (var i = _admissionOrder.Count - 1; i >= 0; i--)
        {
            var generation = _admissionOrder[i];
            var slot = _slots[generation.Slot];
            var before = slot.Cached.Count;
            if (generation.Scheduled == 0)
            {
                continue;
            }

            if (generation.PromptDone)
            {
                slot.Cached.Add(generation.PendingToken);
            }
            else
            {
                var prompt = generation.Request.PromptTokens;
                var evaluated = generation.Evaluated + generation.Scheduled;
                for (var p = generation.Evaluated; p < evaluated; p++)
                {
                    slot.Cached.Add(prompt[p]);
                }

                generation.Evaluated = evaluated;
            }

            _counters.Resize(before, slot.Cached.Count);
        }

        // Backwards: a generation that ends leaves the list.
        for (var i = _admissionOrder.Count - 1; i >= 0; i--)
        {
            var generation = _admissionOrder[i];
            if (generation.OutputIndex < 0)
            {
                continue;
            }

            try
            {
                if (generation.Advance(context, _vocab, _vocabSize, now, out var finish))
                {
                    Release(context, generation, keepCache: true);
                    generation.Complete(finish, Stopwatch.GetTimestamp(), Stopwatch.Frequency);
                }
            }
            catch (Exception e)
            {
                Release(context, generation, keepCache: false);
                generation.Fail(e);
            }
        }
    }

    /// <summary>A step that failed: aborted (every sequence in it was cancelled) or no KV room. Its sequences end.</summary>
    private void Abandon(IntPtr context, ulong participants, int result)
    {
        foreach (var generation in _admissionOrder.ToArray())
        {
            if ((participants & (1UL << generation.Slot)) == 0)
            {
                continue;
            }

            Release(context, generation, keepCache: false);
            if (result == 2 || generation.IsCancelled)
            {
                generation.Cancelled();
            }
            else
            {
                generation.Fail(new LlamaNativeException(
                    $"no KV cache room for the batch ({_batch.Count} tokens; {ContextPerSlot} tokens of context per slot)"));
            }
        }
    }

    [UnmanagedCallersOnly]
    private static byte ShouldAbort(IntPtr state)
    {
        var abort = (AbortState*)state;
        return abort->Stopping != 0 || (abort->Participants & ~Volatile.Read(ref abort->Cancelled)) == 0 ? (byte)1 : (byte)0;
    }

    public void Dispose()
    {
        _stopping = true;
        _abort->Stopping = 1;
        _wake.Set();
        if (!_thread.Join(TimeSpan.FromSeconds(10)))
        {
            // A decode that will not return: leak the native state rather than free it under llama.cpp's feet.
            return;
        }

        _batch.Dispose();
        _context.Dispose();
        _threadpool?.Dispose();
        _wake.Dispose();
        NativeMemory.Free(_abort);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct AbortState
    {
        public ulong Participants;
        public ulong Cancelled;
        public int Stopping;
    }
}
