using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Llama.Chat;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// A local GGUF model as an <see cref="IChatClient"/> (chat, through the model's template) and an
/// <see cref="ITextCompletionClient"/> (raw prompts). Generation runs on the model's engine thread, batched with the
/// model's other requests; text reaches the caller through a channel as soon as each token decodes.
/// </summary>
internal sealed class LlamaChatClient(LlamaLocalModel model, TimeProvider time) : IChatClient, ITextCompletionClient, ILoadInfo, ITokenCounter, ILocalModelFile
{
    public LlamaLocalModel Model { get; } = model;

    public string FilePath => Model.Path;

    public int CountPromptTokens(IEnumerable<ChatMessage> messages, ChatOptions? options = null) =>
        Model.Tokenize(ChatTurnPlanner.Plan(Model.Formatter, Model.Vocab, messages, options).Prompt).Length;

    public int CountTextTokens(string text) => Model.Tokenize(text).Length;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var plan = ChatTurnPlanner.Plan(Model.Formatter, Model.Vocab, messages, options);
        return plan.ParsesToolCalls
            ? CompleteWithToolsAsync(plan, options, cancellationToken)
            : CompleteAsync(plan.Prompt, options, plan.Grammar, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var plan = ChatTurnPlanner.Plan(Model.Formatter, Model.Vocab, messages, options);
        return CompleteStreamingAsync(plan.Prompt, options, plan, cancellationToken);
    }

    public Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        CompleteAsync(prompt, options, null, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(string prompt, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        CompleteStreamingAsync(prompt, options, null, cancellationToken);

    private async Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options, GrammarConstraint? grammar, CancellationToken cancellationToken)
    {
        var prepared = Prepare(prompt, options);
        var text = new StringBuilder();
        // A grammar matches special tokens by their text, so constrained output shows that text too: what the grammar
        // checked is what the client gets.
        var result = await RunAsync(prepared, options, grammar, renderSpecial: grammar is not null, piece => text.Append(piece), cancellationToken)
            .ConfigureAwait(false);
        return Response(new ChatMessage(ChatRole.Assistant, text.ToString()), result, result.FinishReason, prepared.Clamp);
    }

    /// <summary>Generates, then reads the calls out of the whole text with the same parser streaming uses.</summary>
    private async Task<ChatResponse> CompleteWithToolsAsync(ChatTurnPlan plan, ChatOptions? options, CancellationToken cancellationToken)
    {
        var prepared = Prepare(plan.Prompt, options);
        var calls = new LocalToolCalls(plan.CallFormat!);
        var contents = new List<AIContent>();
        var result = await RunAsync(prepared, options, plan.Grammar, renderSpecial: true, piece => contents.AddRange(calls.Feed(piece)),
            cancellationToken).ConfigureAwait(false);
        contents.AddRange(calls.Finish());
        var message = new ChatMessage(ChatRole.Assistant, LocalToolCalls.Whole(contents));
        return Response(message, result, calls.Count > 0 && result.FinishReason == ChatFinishReason.Stop ? ChatFinishReason.ToolCalls : result.FinishReason,
            prepared.Clamp);
    }

    private ChatResponse Response(ChatMessage message, GenerationResult result, ChatFinishReason finish, MaxTokensClamp? clamp) =>
        new(message)
        {
            ResponseId = NewId(),
            ModelId = Model.Id,
            CreatedAt = time.GetUtcNow(),
            FinishReason = finish,
            Usage = Usage(result),
            AdditionalProperties = WithClamp(ResultProperties(result), clamp),
        };

    private async IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(string prompt, ChatOptions? options, ChatTurnPlan? plan,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(prompt, options);
        var id = NewId();
        var created = time.GetUtcNow();
        var calls = plan?.CallFormat is { } format ? new LocalToolCalls(format) : null;
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // The first update carries the clamp: a server sends its headers when that update arrives.
        var writer = prepared.Clamp is { } clamp ? new ClampAnnouncingWriter(channel.Writer, clamp) : channel.Writer;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Action<string> onText = calls is null
            ? piece => writer.TryWrite(Update(id, created, [new TextContent(piece)]))
            : piece => WriteContents(writer, id, created, calls.Feed(piece));
        var run = RunAsync(prepared, options, plan?.Grammar, renderSpecial: plan?.Grammar is not null || calls is not null, onText, stop.Token);
        _ = run.ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully)
            {
                if (calls is not null)
                {
                    WriteContents(writer, id, created, calls.Finish());
                }

                var last = Update(id, created, []);
                last.FinishReason = calls is { Count: > 0 } && task.Result.FinishReason == ChatFinishReason.Stop
                    ? ChatFinishReason.ToolCalls
                    : task.Result.FinishReason;
                last.AdditionalProperties = WithClamp(ResultProperties(task.Result), prepared.Clamp);
                last.Contents.Add(new UsageContent(Usage(task.Result)));
                writer.TryWrite(last);
            }

            channel.Writer.TryComplete(task.Exception?.InnerException ?? (task.IsCanceled ? new OperationCanceledException() : null));
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Tokens may be buffered ahead of a slow reader; a cancelled reader gets none of them.
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }
        }
        finally
        {
            // The consumer stopped early (client gone, or broke out of the loop): stop generating and free the slot.
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
    }

    private void WriteContents(ChannelWriter<ChatResponseUpdate> writer, string id, DateTimeOffset created, IReadOnlyList<AIContent> contents)
    {
        if (contents.Count > 0)
        {
            writer.TryWrite(Update(id, created, [.. contents]));
        }
    }

    /// <summary>
    /// Tokenizes and checks the prompt fits; a <c>max_tokens</c> beyond the room left is lowered to that room (and
    /// reported), not refused: clients written for large cloud contexts ask for more than a local model has.
    /// </summary>
    private Prepared Prepare(string prompt, ChatOptions? options)
    {
        var tokens = Model.Tokenize(prompt);
        if (tokens.Length == 0)
        {
            // Nothing to evaluate means no logits to pick a first token from (a model that adds no BOS, an empty prompt).
            throw new LocusException(LocusError.Invalid("The prompt is empty: send at least one token of text.", "prompt", "empty_prompt"));
        }

        if (tokens.Length >= Model.ContextLength)
        {
            throw new LocusException(new LocusError(LocusErrorKind.ContextOverflow,
                $"This model's maximum context length is {Model.ContextLength} tokens; the prompt alone is {tokens.Length} tokens, " +
                "which leaves no room for a completion. Shorten the messages.", "messages", "context_length_exceeded"));
        }

        return new Prepared(tokens, MaxTokensClamp.For(options?.MaxOutputTokens, tokens.Length, Model.ContextLength));
    }

    /// <summary>Waits for a slot, then generates on the engine's thread.</summary>
    private async Task<GenerationResult> RunAsync(Prepared prepared, ChatOptions? options, GrammarConstraint? grammar, bool renderSpecial,
        Action<string> onText, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest(prepared.Tokens, SamplingSettings.From(options), prepared.Clamp?.Granted ?? options?.MaxOutputTokens,
            options?.StopSequences?.ToArray() ?? [], onText, IgnoreEndOfGeneration: Flag(options, LocusChatOptions.IgnoreEos),
            MeasureConfidence: Flag(options, LocusChatOptions.MeasureConfidence), Grammar: grammar, RenderSpecialTokens: renderSpecial);

        using var lease = await Model.Scheduler.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await Model.Engine.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private ChatResponseUpdate Update(string id, DateTimeOffset created, IList<AIContent> contents) =>
        new(ChatRole.Assistant, contents)
        {
            ResponseId = id,
            ModelId = Model.Id,
            CreatedAt = created,
        };

    private static UsageDetails Usage(GenerationResult result) => new()
    {
        InputTokenCount = result.PromptTokens,
        OutputTokenCount = result.CompletionTokens,
        TotalTokenCount = result.PromptTokens + result.CompletionTokens,
        CachedInputTokenCount = result.CachedPromptTokens,
    };

    private static bool Flag(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true && value is true;

    /// <summary>
    /// Which stop sequence ended generation, for APIs that report it (the server's Anthropic "stop_sequence"), and the
    /// model's confidence when it was measured.
    /// </summary>
    private static AdditionalPropertiesDictionary? ResultProperties(GenerationResult result)
    {
        if (result.StopSequence is null && result.Confidence is null)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        if (result.StopSequence is { } stop)
        {
            properties["stop_sequence"] = stop;
        }

        if (result.Confidence is { } confidence)
        {
            properties[GenerationConfidence.PropertyKey] = confidence;
        }

        return properties;
    }

    private static AdditionalPropertiesDictionary? WithClamp(AdditionalPropertiesDictionary? properties, MaxTokensClamp? clamp)
    {
        if (clamp is null)
        {
            return properties;
        }

        properties ??= [];
        properties[MaxTokensClamp.PropertyKey] = clamp;
        return properties;
    }

    private static string NewId() => "locus-" + Guid.NewGuid().ToString("N");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("llama.cpp", null, Model.Id)
        : serviceType == typeof(IEmbeddingGenerator<string, Embedding<float>>) || serviceType == typeof(ITokenEmbeddingGenerator) ? Model.Embedder
        : null;

    // ILoadInfo: what the router's latency signal predicts queueing from.
    public int Running => Model.Scheduler.Running;

    public int Queued => Model.Scheduler.Waiting;

    public int Parallel => Model.Scheduler.SlotCount;

    public int ContextLength => Model.ContextLength;

    public EngineSnapshot Engine => Model.Engine.Snapshot();

    public void Dispose()
    {
        // The catalog owns the model; a client is a view onto it.
    }

    /// <summary>A prompt's tokens, checked to fit, and the clamp of its <c>max_tokens</c> (null when it fits as asked).</summary>
    private sealed record Prepared(int[] Tokens, MaxTokensClamp? Clamp);

    /// <summary>Adds the clamp to the first update written, whichever it is (text, a tool call, or the last one).</summary>
    private sealed class ClampAnnouncingWriter(ChannelWriter<ChatResponseUpdate> inner, MaxTokensClamp clamp) : ChannelWriter<ChatResponseUpdate>
    {
        private int _announced;

        public override bool TryWrite(ChatResponseUpdate item)
        {
            if (Interlocked.Exchange(ref _announced, 1) == 0)
            {
                item.AdditionalProperties = WithClamp(item.AdditionalProperties, clamp);
            }

            return inner.TryWrite(item);
        }

        public override bool TryComplete(Exception? error = null) => inner.TryComplete(error);

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) => inner.WaitToWriteAsync(cancellationToken);
    }
}
