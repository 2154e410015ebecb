namespace Locus.Hardware.Devices;

/// <summary>How device names are matched and enum values spelt (kebab-case: <c>fanless-laptop</c>).</summary>
public static class DeviceNames
{
    /// <summary>Lower case letters and digits only, so "Apple M2 Max", "apple-m2-max" and "M2Max" compare alike.</summary>
    public static string Normalize(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    public static string Kebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static T? ParseEnum<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Normalize(v!.Value.ToString()) == Normalize(text));

    public static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Kebab));

    /// <summary>Levenshtein distance, for "did you mean" lists.</summary>
    public static int Distance(string a, string b) => Core.Configuration.KeySuggestions.EditDistance(a, b);
}
