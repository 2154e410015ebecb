using System.Globalization;

namespace Locus.Core.Configuration;

/// <summary>
/// Converts the winning raw value of each key to its type. A bad value records an error naming the key and its
/// source and yields the default, so loading goes on and reports every problem in one pass.
/// </summary>
internal sealed class SettingReader(
    IReadOnlyDictionary<string, RawSetting> settings, ConfigurationSources sources, List<ConfigurationError> errors)
{
    /// <summary>Keys whose value was rejected; cross-key checks skip them to avoid piling errors on one mistake.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    public bool IsSet(string key) => settings.ContainsKey(key);

    public RawSetting? Raw(string key) => settings.GetValueOrDefault(key);

    public long? Integer(string key, long min, long max)
    {
        if (!settings.TryGetValue(key, out var raw))
        {
            return null;
        }

        if (raw.Shape != RawShape.Scalar
            || !long.TryParse(raw.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Fail<long?>(raw, $"expected an integer, got {raw.Describe(secret: false)}");
        }

        if (value >= min && value <= max)
        {
            return value;
        }

        return Fail<long?>(raw, max is int.MaxValue or long.MaxValue
            ? $"must be at least {min}, got {value}"
            : $"must be between {min} and {max}, got {value}");
    }

    public int Int(string key, int fallback, int min, int max = int.MaxValue) =>
        (int?)Integer(key, min, max) ?? fallback;

    /// <summary>true or false in the words every config section accepts (<see cref="ConfigBooleans"/>).</summary>
    public bool Bool(string key, bool fallback)
    {
        if (!settings.TryGetValue(key, out var raw))
        {
            return fallback;
        }

        return raw is { Shape: RawShape.Scalar, Text: { } text } && ConfigBooleans.Parse(text.Trim()) is { } value
            ? value
            : Fail<bool?>(raw, $"expected true or false, got {raw.Describe(secret: false)}") ?? fallback;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned as written there.</summary>
    public string Choice(string key, string fallback, IReadOnlyList<string> allowed)
    {
        var text = Text(key, fallback, "one of " + string.Join(", ", allowed), value =>
            Match(allowed, value) is null ? $"expected one of {string.Join(", ", allowed)}, got '{value}'" : null);
        return Match(allowed, text) ?? fallback;
    }

    private static string? Match(IReadOnlyList<string> allowed, string value) =>
        allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A required string: null and non-scalars are errors, unset yields <paramref name="fallback"/>.</summary>
    public string Text(string key, string fallback, string expected, Func<string, string?>? check = null)
    {
        if (!settings.TryGetValue(key, out var raw))
        {
            return fallback;
        }

        if (raw.Shape != RawShape.Scalar || string.IsNullOrWhiteSpace(raw.Text))
        {
            return Fail<string?>(raw, $"expected {expected}, got {raw.Describe(secret: false)}") ?? fallback;
        }

        var problem = check?.Invoke(raw.Text);
        return problem is null ? raw.Text : Fail<string?>(raw, problem) ?? fallback;
    }

    /// <summary>An optional string: an explicit null clears it.</summary>
    public string? OptionalText(string key, string? fallback, string expected)
    {
        if (!settings.TryGetValue(key, out var raw))
        {
            return fallback;
        }

        return raw.Shape switch
        {
            RawShape.Null => null,
            RawShape.Scalar => string.IsNullOrWhiteSpace(raw.Text) ? null : raw.Text,
            _ => Fail<string?>(raw, $"expected {expected}, got {raw.Describe(secret: false)}") ?? fallback,
        };
    }

    /// <summary>A folder path: <c>~</c> expanded, relative paths resolved against where the value was written.</summary>
    public string Path(string key, string fallback)
    {
        var text = Text(key, fallback, "a folder path");
        var raw = Failed.Contains(key) ? null : Raw(key);
        return LocusPaths.Resolve(raw is null ? fallback : text, raw?.Origin.BaseDirectory ?? sources.WorkingDirectory, sources.HomeDirectory);
    }

    public T Fail<T>(RawSetting raw, string message)
    {
        Failed.Add(raw.Key);
        errors.Add(new ConfigurationError(raw.Key, message, raw.Origin.Description));
        return default!;
    }
}
