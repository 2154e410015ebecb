using Locus.Core.Configuration;
using Locus.Core.Errors;
using Spectre.Console;

namespace Locus.Cli.Terminal;

/// <summary>Turns expected failures into a message that says what to do, and an exit code; bugs keep their stack trace.</summary>
internal static class CliErrors
{
    public const int Failure = 1;
    public const int BadConfiguration = 2;

    public static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ConfigurationException e)
        {
            AnsiConsole.MarkupLine("[red]Configuration is invalid:[/]");
            foreach (var error in e.Errors)
            {
                AnsiConsole.MarkupLine("  [red]-[/] " + Markup.Escape(error.ToString()));
            }

            return BadConfiguration;
        }
        catch (LocusException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Error.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
