namespace Locus.Core.Configuration;

/// <summary>The words a config value may use for true and false, the same in every section and source.</summary>
internal static class ConfigBooleans
{
    /// <summary>true or false, or null when <paramref name="text"/> is neither.</summary>
    public static bool? Parse(string text) => text switch
    {
        "true" or "True" or "yes" or "on" => true,
        "false" or "False" or "no" or "off" => false,
        _ => null,
    };
}
