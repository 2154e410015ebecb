using System.Globalization;
using Locus.Hardware.Planning;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus plan` for a person: the verdict, the memory breakdown, the speeds, and where each device figure came from.</summary>
internal static class PlanOutput
{
    public static void Print(Plan plan)
    {
        var (r, m) = (plan.Request, plan.Memory);
        AnsiConsole.MarkupLineInterpolated($"[bold]{r.Model.Name}[/] on [bold]{r.Device.Name}[/], context {r.Context:N0} ({r.KvType} KV cache)");
        var verdict = m.Fits ? "[green]fits[/]"
            : m.FitsWithHostMemory ? $"[yellow]fits with {m.GpuLayers} of {m.Layers} layers on the GPU[/] (the rest in host RAM)"
            : "[red]does not fit[/]";
        AnsiConsole.MarkupLine($"  {verdict}: needs {Gib(m.TotalBytes)} of {Gib(m.UsableBytes)} usable");
        AnsiConsole.MarkupLineInterpolated($"  weights {Gib(m.WeightBytes)}, KV cache {Gib(m.KvBytes)}, compute buffers {Gib(m.ComputeBytes)} (estimate); largest context that fits in fast memory: {m.MaxContext:N0}{(m.MaxContext == r.Model.TrainedContext ? " (the model's trained context)" : "")}");
        if (plan.ExceedsTrainedContext)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]context {r.Context:N0} is longer than the model's trained context ({r.Model.TrainedContext:N0})[/]");
        }

        if (m.FitsWithHostMemory)
        {
            AnsiConsole.MarkupLineInterpolated($"  generation [bold]{plan.DecodeTokensPerSecond:0.0} tokens/s[/] (limited by {PlanJson.Kebab(plan.DecodeLimit)}), prompt {plan.PrefillTokensPerSecond:0} tokens/s (compute)");
            AnsiConsole.MarkupLineInterpolated($"  time to first token for {r.PromptTokens:N0} prompt tokens: {plan.TimeToFirstTokenSeconds:0.00} s");
        }

        foreach (var (name, value) in r.Device.Values())
        {
            AnsiConsole.MarkupLineInterpolated($"  [grey]{name} = {value.Value.ToString("0.##", CultureInfo.InvariantCulture)} ({value.Note})[/]");
        }
    }

    public static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB";
}
