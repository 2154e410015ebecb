using System.CommandLine;
using Locus.Cli.Commands;

namespace Locus.Cli;

internal static class Program
{
    private const string Description = "Locus: a local-first AI node. Serves GGUF models through llama.cpp behind an OpenAI-compatible API.";

    /// <summary>Every top-level command, by the name it is invoked with.</summary>
    internal static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("serve", ServeCommand.Create),
        ("chat", ChatCommand.Create),
        ("models", ModelsCommand.Create),
        ("bench", BenchCommand.Create),
        ("route", RouteCommand.Create),
        ("usage", UsageCommand.Create),
        ("router", RouterCommand.Create),
        ("plan", PlanCommand.Create),
        ("thermal", ThermalCommand.Create),
        ("place", PlaceCommand.Create),
        ("mesh", MeshCommand.Create),
        ("memory", MemoryCommand.Create),
    ];

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand(Description);
        // Parsing `locus plan ...` needs only plan: building the other commands (their options, and the assemblies
        // their types live in, all JIT-compiled) would tax every start-up. Root help, --version and a mistyped
        // command (which gets suggestions) still see them all.
        var named = args.Length > 0 && Array.Exists(Commands, c => c.Name == args[0]);
        foreach (var (name, create) in Commands)
        {
            if (!named || name == args[0])
            {
                root.Subcommands.Add(create());
            }
        }

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
