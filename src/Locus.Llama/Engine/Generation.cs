using System.Diagnostics;
using System.Text;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// One request inside the batch engine: where its prompt evaluation stands, its own sampler, stop sequences and token
/// limit, and the text it has emitted. Touched only by the engine thread, except <see cref="Cancel"/>.
/// </summary>
internal sealed class Generation : IDisposable
{
    private const int PieceBufferBytes = 4096;

    private readonly TaskCompletionSource<GenerationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly byte[] _piece = new byte[PieceBufferBytes];
    private readonly char[] _chars = new char[PieceBufferBytes + 4];
    private readonly StopSequenceFilter _filter;
    private readonly ConfidenceMeter? _meter;
    private CancellationTokenRegistration _registration;
    private TokenSampler? _sampler;
    private int _cancelled;
    private int _slot = -1;
    private long _admittedAt;
    private long _firstTokenAt;
    private long _samplingTicks;

    public Generation(GenerationRequest request, int contextPerSlot)
    {
        Request = request;
        _filter = new StopSequenceFilter(request.StopSequences);
        _meter = request.MeasureConfidence ? new ConfidenceMeter() : null;
        var room = contextPerSlot - request.PromptTokens.Length;
        Limit = Math.Min(request.MaxTokens ?? room, room);
    }

    public GenerationRequest Request { get; }

    public Task<GenerationResult> Task => _completion.Task;

    /// <summary>Most tokens this generation may produce: its max_tokens, or what is left of the slot's context.</summary>
    public int Limit { get; }

    /// <summary>Prompt tokens already in the slot's KV cache (reused plus evaluated so far).</summary>
    public int Evaluated { get; set; }

    /// <summary>Prompt tokens reused from the slot's cache without evaluation.</summary>
    public int Reused { get; private set; }

    public bool PromptDone => Evaluated == Request.PromptTokens.Length;

    /// <summary>The last sampled token, not yet decoded; -1 while the prompt is being evaluated.</summary>
    public int PendingToken { get; private set; } = -1;

    /// <summary>Tokens of this generation in the batch being decoded: a prompt chunk, or 1 for its pending token.</summary>
    public int Scheduled { get; set; }

    /// <summary>Where this generation's logits are in the batch being decoded; -1 when it asked for none.</summary>
    public int OutputIndex { get; set; } = -1;

    public int Generated { get; private set; }

    /// <summary>The sequence id (slot) it runs on, or -1 before admission.</summary>
    public int Slot => Volatile.Read(ref _slot);

    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    /// <summary>Listens for the caller's cancellation; <paramref name="onCancel"/> runs on the cancelling thread.</summary>
    public void Watch(Action<Generation> onCancel, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static state =>
            {
                var (generation, callback) = ((Generation, Action<Generation>))state!;
                generation.Cancel();
                callback(generation);
            }, (this, onCancel));
        }
    }

    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    /// <summary>Binds the generation to a slot whose cache already holds its first <paramref name="reused"/> tokens.</summary>
    public void Admit(int slot, int reused, IntPtr vocab, int vocabSize, long now)
    {
        Interlocked.Exchange(ref _slot, slot);
        Reused = reused;
        Evaluated = reused;
        _admittedAt = now;
        _sampler = TokenSampler.Create(Request.Sampling, vocab, vocabSize, Request.Grammar);
    }

    /// <summary>
    /// Samples the next token from this generation's logits in the batch just decoded and emits its text. Returns true
    /// when the generation has ended (end of generation, a stop sequence, or its token limit).
    /// </summary>
    public unsafe bool Advance(IntPtr context, IntPtr vocab, int vocabSize, long now, out ChatFinishReason finish)
    {
        finish = ChatFinishReason.Length;
        if (Generated == 0 && PendingToken < 0)
        {
            _firstTokenAt = now;
            if (Limit <= 0)
            {
                return true;
            }
        }

        var sampleStart = Stopwatch.GetTimestamp();
        var token = _sampler!.Sample(context, OutputIndex);
        _samplingTicks += Stopwatch.GetTimestamp() - sampleStart;
        if (token == TokenSampler.NoToken)
        {
            // The grammar allows nothing more (it cannot be satisfied from here): stop, as if out of tokens.
            return true;
        }

        if (!Request.IgnoreEndOfGeneration && LlamaApi.IsEndOfGeneration(vocab, token))
        {
            finish = ChatFinishReason.Stop;
            return true;
        }

        Generated++;
        // Read before the next decode overwrites them; the sampler worked on its own copy.
        _meter?.Add(TokenBelief.Measure(LlamaApi.LogitsAt(context, OutputIndex, vocabSize), token));
        var length = LlamaApi.TokenToPiece(vocab, token, _piece, renderSpecial: Request.RenderSpecialTokens);
        var charCount = _decoder.GetChars(new ReadOnlySpan<byte>(_piece, 0, length), _chars, flush: false);
        if (charCount > 0 && Emit(new string(_chars, 0, charCount)))
        {
            finish = ChatFinishReason.Stop;
            return true;
        }

        PendingToken = token;
        return Generated >= Limit;
    }

    /// <summary>Flushes held-back text and completes the caller's task.</summary>
    public void Complete(ChatFinishReason finish, long now, long frequency)
    {
        // A token cut mid-character at the end becomes U+FFFD, as other servers do.
        var tail = _decoder.GetChars(ReadOnlySpan<byte>.Empty, _chars, flush: true);
        if (!_filter.Stopped && tail > 0)
        {
            Emit(new string(_chars, 0, tail));
        }

        var rest = _filter.Flush();
        if (rest.Length > 0)
        {
            Request.OnText(rest);
        }

        var firstToken = _firstTokenAt == 0 ? now : _firstTokenAt;
        _completion.TrySetResult(new GenerationResult(_filter.Stopped ? ChatFinishReason.Stop : finish, Request.PromptTokens.Length, Generated,
            Elapsed(_admittedAt, firstToken, frequency), Elapsed(firstToken, now, frequency), _filter.Matched, _meter?.Summary(), Reused)
        {
            SamplingTime = Stopwatch.GetElapsedTime(0, _samplingTicks),
            GrammarResamples = _sampler?.Resampled ?? 0,
        });
    }

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Cancelled() => _completion.TrySetCanceled();

    private bool Emit(string text)
    {
        var visible = _filter.Push(text);
        if (visible.Length > 0)
        {
            Request.OnText(visible);
        }

        return _filter.Stopped;
    }

    private static TimeSpan Elapsed(long from, long to, long frequency) =>
        TimeSpan.FromSeconds(Math.Max(0, to - from) / (double)frequency);

    public void Dispose()
    {
        _registration.Dispose();
        _sampler?.Dispose();
    }
}
