using System.Globalization;
using System.Text.Json;
using Locus.Core.Errors;

namespace Locus.Server.Protocol;

/// <summary>
/// Typed, range-checked reads of optional request fields. JSON null means "absent" (OpenAI clients send nulls for
/// unset options). Every failure is a 400 naming the field in OpenAI's dotted form.
/// </summary>
internal static class Fields
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static LocusException Invalid(string? param, string code, string message) =>
        new(LocusError.Invalid(message, param, code));

    public static LocusException WrongType(string param, string expected, JsonElement got) =>
        Invalid(param, "invalid_type", $"Invalid type for '{param}': expected {expected}, but got {Describe(got)}.");

    public static LocusException Missing(string param) =>
        Invalid(param, "missing_required_parameter", $"Missing required parameter: '{param}'.");

    public static LocusException Unsupported(string param, string what) =>
        Invalid(param, "unsupported_parameter", $"'{param}' is not supported yet: {what}");

    public static string RequiredString(JsonElement obj, string name, string? param = null)
    {
        param ??= name;
        if (!TryGet(obj, name, out var v))
        {
            throw Missing(param);
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw WrongType(param, "a string", v);
        }

        var s = v.GetString()!;
        return s.Length > 0 ? s : throw Invalid(param, "invalid_value", $"'{param}' must not be empty.");
    }

    public static string? OptionalString(JsonElement obj, string name, string param)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw WrongType(param, "a string", v);
    }

    public static bool? Boolean(JsonElement obj, string name, string? param = null)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(param ?? name, "a boolean", v),
        };
    }

    /// <summary>A number in [min, max], or (min, max] when <paramref name="minExclusive"/>.</summary>
    public static double? Number(JsonElement obj, string name, double min, double max, bool minExclusive = false)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, "a number", v);
        }

        if (!v.TryGetDouble(out var d) || (minExclusive ? d <= min : d < min) || d > max)
        {
            var range = max == double.MaxValue
                ? $"must be {(minExclusive ? "greater than" : "at least")} {F(min)}"
                : $"must be in {(minExclusive ? "(" : "[")}{F(min)}, {F(max)}]";
            throw Invalid(name, "invalid_value", $"Invalid value for '{name}': {v.GetRawText()}; it {range}.");
        }
        return d;
    }

    /// <summary>An integer in [min, max]. Integral values written as 16.0 or 1e3 count: some JSON encoders emit them.</summary>
    public static long? Integer(JsonElement obj, string name, long min, long max)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, "an integer", v);
        }

        if (!v.TryGetInt64(out var n))
        {
            if (!v.TryGetDouble(out var d) || d != Math.Floor(d))
            {
                throw WrongType(name, "an integer", v);
            }

            n = d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
        }
        if (n < min || n > max)
        {
            var range = max is int.MaxValue or long.MaxValue ? $"at least {min}" : $"in [{min}, {max}]";
            throw Invalid(name, "invalid_value", $"Invalid value for '{name}': {v.GetRawText()}; it must be {range}.");
        }
        return n;
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string F(double d) => d.ToString(CultureInfo.InvariantCulture);
}
