using System.CommandLine;
using Locus.Cli.Commands;

namespace Locus.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Locus: a local-first AI node. Serves GGUF models through llama.cpp behind an OpenAI-compatible API.")
        {
            ServeCommand.Create(),
            ChatCommand.Create(),
            ModelsCommand.Create(),
            BenchCommand.Create(),
            RouteCommand.Create(),
            UsageCommand.Create(),
            RouterCommand.Create(),
            PlanCommand.Create(),
            ThermalCommand.Create(),
            PlaceCommand.Create(),
            MeshCommand.Create(),
            MemoryCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
