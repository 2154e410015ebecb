using Locus.Core.Configuration;
using Locus.Gguf;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Node;

/// <summary>
/// Refuses, before llama.cpp allocates anything, a set of local models whose weights, KV caches (every slot's context)
/// and compute buffers together exceed the memory available, with a sentence that says what to change. The arithmetic
/// is the planner's (<see cref="ServingMemory"/>).
/// </summary>
public static class ServingMemoryGate
{
    /// <returns>The estimate of each model, in load order.</returns>
    /// <exception cref="ConfigurationException">The models do not fit together.</exception>
    public static IReadOnlyList<ServingMemory> Check(IEnumerable<string> modelPaths, LlamaOptions options, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(modelPaths);
        ArgumentNullException.ThrowIfNull(options);
        var kvType = KvCacheTypes.TryParse(options.KvCacheType, out var parsed) ? parsed : KvCacheType.F16;
        var estimates = new List<ServingMemory>();
        var left = availableBytes;
        foreach (var path in modelPaths)
        {
            if (!File.Exists(path))
            {
                continue; // the loader reports a missing file in its own words
            }

            var file = GgufReader.Read(path);
            var shape = GgufModelShape.From(file, Path.GetFileNameWithoutExtension(path));
            var estimate = ServingMemory.Estimate(shape, Math.Max(1, options.Parallel), options.ContextPerSlot(file.ContextLength), kvType,
                options.BatchSize, left);
            if (estimate.Refusal() is { } refusal)
            {
                var others = estimates.Count == 0 ? "" : $" ({estimates.Count} model(s) loaded before it take {(availableBytes - left) / (1024.0 * 1024 * 1024):F1} GiB.)";
                throw new ConfigurationException([new ConfigurationError("llama.parallel", refusal + others)]);
            }

            estimates.Add(estimate);
            left -= estimate.TotalBytes;
        }

        return estimates;
    }
}
