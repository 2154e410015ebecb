namespace Locus.Core.Configuration;

/// <summary>Where a setting came from, worded to follow the value in an error message.</summary>
/// <param name="Description">E.g. <c>from environment variable LOCUS_SERVER_PORT</c> or <c>in /etc/locus.yaml, line 7</c>.</param>
/// <param name="BaseDirectory">What relative paths in this value are relative to.</param>
internal sealed record SettingOrigin(string Description, string BaseDirectory);

/// <summary>The shape of a value before it is converted to its key's type.</summary>
internal enum RawShape
{
    Scalar,
    Null,
    List,
    Mapping,
}

/// <summary>One key's value as a source gave it, not yet converted or validated.</summary>
internal sealed record RawSetting(string Key, RawShape Shape, string? Text, IReadOnlyList<string> Items, SettingOrigin Origin)
{
    public static RawSetting Scalar(string key, string text, SettingOrigin origin) =>
        new(key, RawShape.Scalar, text, [], origin);

    /// <summary>How to show the value in an error without ever echoing a secret.</summary>
    public string Describe(bool secret) => Shape switch
    {
        RawShape.Null => "an empty value",
        RawShape.List => "a list",
        RawShape.Mapping => "a mapping",
        _ when secret => "a value that is not shown because it is secret",
        _ => Quote(Text ?? ""),
    };

    private static string Quote(string text) =>
        "\"" + (text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text) + "\"";
}
