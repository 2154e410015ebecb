using System.Globalization;
using Locus.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Endpoints;

/// <summary>
/// The query string of the planner endpoints (<c>/v1/plan</c>, <c>/v1/thermal</c>, <c>/v1/place</c>): typed values,
/// each bad one a 400 naming its parameter, and the refusals of what only the CLI can do.
/// </summary>
internal readonly struct PlannerQuery(IQueryCollection query)
{
    public string? Text(string key) => query[key].ToString() is { Length: > 0 } v ? v : null;

    public double? Number(string key) => Text(key) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n
        : throw Invalid($"{key} must be a number, not '{text}'", key);

    public bool Flag(string key) => Text(key)?.ToLowerInvariant() switch
    {
        null or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw Invalid($"{key} must be true or false, not '{other}'", key),
    };

    /// <summary>Model files and <c>device=this</c> need the local machine's files and measurements: CLI only.</summary>
    /// <param name="command">The CLI command that does it, e.g. <c>plan</c>.</param>
    /// <param name="modelVerb">How the CLI treats a model file, e.g. "planned".</param>
    public void RefuseCliOnly(string command, string modelVerb)
    {
        if (Text("model") is not null)
        {
            throw Invalid($"model files are {modelVerb} with the locus {command} command; pass params_b and quant here", "model");
        }

        if (string.Equals(Text("device"), "this", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"device=this measures the machine and is available from the locus {command} command only", "device");
        }
    }

    public static LocusException Invalid(string message, string param) => new(LocusError.Invalid(message, param));
}
