namespace Locus.Core.Configuration;

/// <summary>Reads <c>server.api_keys</c>. Every message here describes keys by position only: they are secrets.</summary>
internal static class ApiKeyReader
{
    public static IReadOnlyList<string> Read(SettingReader reader, IReadOnlyList<string> fallback)
    {
        var raw = reader.Raw(ConfigKeys.ServerApiKeys);
        switch (raw?.Shape)
        {
            case null:
                return fallback;
            case RawShape.Null:
                return [];
            case RawShape.Scalar:
                // Environment variables and flags carry one string: keys are separated by commas there.
                return Checked(reader, raw, raw.Text!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), fallback);
            case RawShape.List:
                return Checked(reader, raw, raw.Items, fallback);
            default:
                return reader.Fail<IReadOnlyList<string>?>(raw, $"expected a list of strings, got {raw.Describe(secret: true)}")
                    ?? fallback;
        }
    }

    private static IReadOnlyList<string> Checked(
        SettingReader reader, RawSetting raw, IReadOnlyList<string> items, IReadOnlyList<string> fallback)
    {
        var keys = items.Select(k => k.Trim()).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            var problem = keys[i].Length == 0 ? "is empty"
                : keys[i].Any(char.IsWhiteSpace) ? "contains whitespace, which a bearer token cannot"
                : null;
            if (problem is not null)
            {
                return reader.Fail<IReadOnlyList<string>?>(raw, $"key #{i + 1} {problem}") ?? fallback;
            }
        }

        return keys;
    }
}
