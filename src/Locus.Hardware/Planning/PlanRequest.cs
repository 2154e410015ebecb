using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;
using Locus.Hardware.Performance;

namespace Locus.Hardware.Planning;

/// <summary>What to plan: a model on a device at a context length, for a prompt of a given size.</summary>
public sealed record PlanRequest(ModelShape Model, DeviceProfile Device, long Context, long PromptTokens, KvCacheType KvType = KvCacheType.F16)
{
    public Efficiency Efficiency { get; init; } = Efficiency.Fitted;
}
