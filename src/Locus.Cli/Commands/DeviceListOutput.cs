using System.Globalization;
using System.Text.Json.Nodes;
using Locus.Hardware.Devices;
using Locus.Hardware.Planning;
using Spectre.Console;

namespace Locus.Cli.Commands;

/// <summary>`locus plan --list-devices`: the catalog, as a table or JSON with every value's source.</summary>
internal static class DeviceListOutput
{
    public static void Print(DeviceCatalog catalog, bool json)
    {
        if (json)
        {
            var list = new JsonArray();
            foreach (var p in catalog.Profiles)
            {
                list.Add(new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["memory_kind"] = DeviceNames.Kebab(p.MemoryKind), ["form_factor"] = DeviceNames.Kebab(p.FormFactor), ["values"] = PlanJson.Sources(p) });
            }

            Console.WriteLine(list.ToJsonString());
            return;
        }

        var table = new Table().AddColumns("id", "name", "memory", "GiB", "GB/s", "TFLOPS", "W", "assumed values");
        foreach (var p in catalog.Profiles)
        {
            table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Name), DeviceNames.Kebab(p.MemoryKind), N(p.MemoryGib), N(p.BandwidthGbs), N(p.Tflops), N(p.SustainedWatts),
                Markup.Escape(string.Join(", ", p.Values().Where(v => v.Value.IsAssumption).Select(v => v.Name))));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Sources and reasons for each value: locus plan --list-devices --json[/]");
    }

    private static string N(Sourced value) => value.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
