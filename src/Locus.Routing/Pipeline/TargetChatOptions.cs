using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// The caller's options as a target receives them: the target's own configured model (no model id), and the attempt
/// (<see cref="TargetCall"/>) for the target's steps to read. A typed carrier instead of an entry in
/// <see cref="ChatOptions.AdditionalProperties"/>: nothing needs stripping, and a backend that copies the options
/// copies only what it understands.
/// </summary>
internal sealed class TargetChatOptions : ChatOptions
{
    public TargetChatOptions(ChatOptions? options, TargetCall call)
        : base(options ?? new ChatOptions())
    {
        ArgumentNullException.ThrowIfNull(call);
        Call = call;
        ModelId = null;
    }

    private TargetChatOptions(TargetChatOptions other)
        : base(other)
    {
        Call = other.Call;
    }

    public TargetCall Call { get; }

    /// <summary>The attempt these options carry, or null when the caller is not the router.</summary>
    public static TargetCall? CallOf(ChatOptions? options) => (options as TargetChatOptions)?.Call;

    public override ChatOptions Clone() => new TargetChatOptions(this);
}
