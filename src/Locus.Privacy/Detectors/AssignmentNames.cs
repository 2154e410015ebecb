namespace Locus.Privacy.Detectors;

/// <summary>
/// Which setting names hold passwords and which hold other secrets. Generic endings such as "key" or "token" also
/// name harmless things (<c>sort_key</c>, <c>PublicKeyToken</c>, <c>next_page_token</c>), so "key" needs a secret
/// qualifier and public or paging names are excluded.
/// </summary>
internal static class AssignmentNames
{
    private static readonly string[] PasswordEndings = ["password", "passwd", "passphrase", "pwd", "pass"];

    private static readonly string[] SecretEndings =
    [
        "secret", "token", "credential", "credentials", "auth", "authorization",
        "apikey", "secretkey", "accesskey", "privatekey", "signingkey", "encryptionkey", "masterkey", "licensekey",
        "clientkey", "authkey", "appkey", "sessionkey", "hmackey", "consumerkey", "subscriptionkey", "servicekey",
        "accountkey", "storagekey", "adminkey", "deploykey", "webhookkey",
    ];

    private static readonly string[] HarmlessEndings =
        ["bypass", "compass", "publickeytoken", "pagetoken", "continuationtoken", "cancellationtoken", "synctoken"];

    public enum Family
    {
        None,
        Password,
        Secret,
    }

    /// <param name="name">The name as written: <c>DB_PASSWORD</c>, <c>spring.datasource.password</c>, <c>apiKey</c>.</param>
    public static Family Classify(ReadOnlySpan<char> name)
    {
        Span<char> normal = stackalloc char[Math.Min(name.Length, 64)];
        var n = 0;
        for (var i = Math.Max(0, name.Length - normal.Length); i < name.Length; i++)
        {
            if (char.IsAsciiLetterOrDigit(name[i]))
            {
                normal[n++] = char.ToLowerInvariant(name[i]);
            }
        }

        var key = normal[..n];

        // PWD and OLDPWD are the shell's working directories.
        if (key is "pwd" or "oldpwd" || EndsWithAny(key, HarmlessEndings) || key.Contains("public", StringComparison.Ordinal)
            || key.Contains("publishable", StringComparison.Ordinal))
        {
            return Family.None;
        }

        if (EndsWithAny(key, PasswordEndings))
        {
            return Family.Password;
        }

        return key is "key" || EndsWithAny(key, SecretEndings) ? Family.Secret : Family.None;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> key, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (key.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
