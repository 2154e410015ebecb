namespace Locus.Core.Configuration;

/// <summary>Rules that involve more than one key; run after every key has been read on its own.</summary>
internal static class CrossKeyValidator
{
    public static void Validate(LocusOptions options, SettingReader reader, List<ConfigurationError> errors)
    {
        RequireApiKeysOffLoopback(options.Server, reader, errors);
        RequireDigestWithUrl(reader, errors);
    }

    /// <summary>An OpenAI-compatible endpoint open to the network with no key would hand out free compute.</summary>
    private static void RequireApiKeysOffLoopback(ServerOptions server, SettingReader reader, List<ConfigurationError> errors)
    {
        if (ValueChecks.IsLoopback(server.Host) || server.ApiKeys.Count > 0
            || reader.Failed.Contains(ConfigKeys.ServerHost) || reader.Failed.Contains(ConfigKeys.ServerApiKeys))
        {
            return;
        }

        var hostOrigin = reader.Raw(ConfigKeys.ServerHost)?.Origin.Description;
        errors.Add(new ConfigurationError(
            ConfigKeys.ServerApiKeys,
            $"listening on {server.Host} requires at least one API key (set server.api_keys or LOCUS_API_KEYS)",
            hostOrigin is null ? null : $"server.host is set {hostOrigin}"));
    }

    /// <summary>
    /// The built-in digest belongs to the built-in URL. A new URL without its own digest could never verify, so
    /// say so now instead of after a long download.
    /// </summary>
    private static void RequireDigestWithUrl(SettingReader reader, List<ConfigurationError> errors)
    {
        if (reader.Raw(ConfigKeys.DefaultUrl) is { Shape: RawShape.Scalar } url
            && !reader.IsSet(ConfigKeys.DefaultSha256)
            && !reader.Failed.Contains(ConfigKeys.DefaultUrl))
        {
            errors.Add(new ConfigurationError(
                ConfigKeys.DefaultSha256,
                "must be set when models.default.url is changed, so the download can be verified",
                $"models.default.url is set {url.Origin.Description}"));
        }
    }
}
