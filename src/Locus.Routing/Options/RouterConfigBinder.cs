using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>
/// Binds <c>targets</c>, <c>routing</c>, <c>clients</c> and <c>memory</c>, then checks the rules that cross them
/// (<see cref="RoutingValidator"/>) when each key read well on its own.
/// </summary>
internal sealed class RouterConfigBinder : IConfigSection<RouterConfig>
{
    public IReadOnlyList<string> Keys { get; } = new string[] { "targets", "routing", "clients", "memory" };

    public RouterConfig Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var before = document.Errors.Count;
        var targets = TargetReader.ReadAll(document);
        var config = new RouterConfig
        {
            Targets = targets,
            Routing = RoutingSectionReader.Read(document.Root.Map("routing"), targets, document),
            Clients = ClientReader.ReadAll(document),
            Memory = MemoryReader.Read(document.Root.Map("memory")),
        };

        // Cross-key rules on values that failed alone would only repeat those problems in other words.
        if (document.Errors.Count == before)
        {
            RoutingValidator.Validate(config, document);
        }

        return config;
    }
}
