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
        var text = new StringBuilder();
        // A grammar matches special tokens by their text, so constrained output shows that text too: what the grammar
        // checked is what the client gets.
        var result = await RunAsync(prompt, options, grammar, renderSpecial: grammar is not null, piece => text.Append(piece), cancellationToken)
            .ConfigureAwait(false);
        return Response(new ChatMessage(ChatRole.Assistant, text.ToString()), result, result.FinishReason);
    }

    /// <summary>Generates, then reads the calls out of the whole text with the same parser streaming uses.</summary>
    private async Task<ChatResponse> CompleteWithToolsAsync(ChatTurnPlan plan, ChatOptions? options, CancellationToken cancellationToken)
    {
        var calls = new LocalToolCalls(plan.CallFormat!);
        var contents = new List<AIContent>();
        var result = await RunAsync(plan.Prompt, options, plan.Grammar, renderSpecial: true, piece => contents.AddRange(calls.Feed(piece)),
            cancellationToken).ConfigureAwait(false);
        contents.AddRange(calls.Finish());
        var message = new ChatMessage(ChatRole.Assistant, LocalToolCalls.Whole(contents));
        return Response(message, result, calls.Count > 0 && result.FinishReason == ChatFinishReason.Stop ? ChatFinishReason.ToolCalls : result.FinishReason);
    }

    private ChatResponse Response(ChatMessage message, GenerationResult result, ChatFinishReason finish) =>
        new(message)
        {
            ResponseId = NewId(),
            ModelId = Model.Id,
            CreatedAt = time.GetUtcNow(),
            FinishReason = finish,
            Usage = Usage(result),
            AdditionalProperties = ResultProperties(result),
        };

    private async IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(string prompt, ChatOptions? options, ChatTurnPlan? plan,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var id = NewId();
        var created = time.GetUtcNow();
        var calls = plan?.CallFormat is { } format ? new LocalToolCalls(format) : null;
        var channel = Channel.CreateUnbounded<ChatResponseUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Action<string> onText = calls is null
            ? piece => channel.Writer.TryWrite(Update(id, created, [new TextContent(piece)]))
            : piece => WriteContents(channel.Writer, id, created, calls.Feed(piece));
        var run = RunAsync(prompt, options, plan?.Grammar, renderSpecial: plan?.Grammar is not null || calls is not null, onText, stop.Token);
        _ = run.ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully)
            {
                if (calls is not null)
                {
                    WriteContents(channel.Writer, id, created, calls.Finish());
                }

                var last = Update(id, created, []);
                last.FinishReason = calls is { Count: > 0 } && task.Result.FinishReason == ChatFinishReason.Stop
                    ? ChatFinishReason.ToolCalls
                    : task.Result.FinishReason;
                last.AdditionalProperties = ResultProperties(task.Result);
                last.Contents.Add(new UsageContent(Usage(task.Result)));
                channel.Writer.TryWrite(last);
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

    /// <summary>Tokenizes, checks the context fits, waits for a slot, then generates on the engine's thread.</summary>
    private async Task<GenerationResult> RunAsync(string prompt, ChatOptions? options, GrammarConstraint? grammar, bool renderSpecial,
        Action<string> onText, CancellationToken cancellationToken)
    {
        var tokens = Model.Tokenize(prompt);
        if (tokens.Length == 0)
        {
            // Nothing to evaluate means no logits to pick a first token from (a model that adds no BOS, an empty prompt).
            throw new LocusException(LocusError.Invalid("The prompt is empty: send at least one token of text.", "prompt", "empty_prompt"));
        }

        CheckFits(tokens.Length, options?.MaxOutputTokens);
        var request = new GenerationRequest(tokens, SamplingSettings.From(options), options?.MaxOutputTokens,
            options?.StopSequences?.ToArray() ?? [], onText, IgnoreEndOfGeneration: Flag(options, LocusChatOptions.IgnoreEos),
            MeasureConfidence: Flag(options, LocusChatOptions.MeasureConfidence), Grammar: grammar, RenderSpecialTokens: renderSpecial);

        using var lease = await Model.Scheduler.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return await Model.Engine.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void CheckFits(int promptTokens, int? maxTokens)
    {
        if (promptTokens >= Model.ContextLength || (maxTokens is { } max && promptTokens + max > Model.ContextLength))
        {
            var asked = maxTokens is { } m ? $"{promptTokens} in the prompt plus {m} requested for the completion" : $"{promptTokens} in the prompt";
            throw new LocusException(new LocusError(LocusErrorKind.ContextOverflow,
                $"This model's maximum context length is {Model.ContextLength} tokens; the request needs {asked}. " +
                "Shorten the messages or lower max_tokens.", "messages", "context_length_exceeded"));
        }
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
}
