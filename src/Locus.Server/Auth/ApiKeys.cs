using System.Security.Cryptography;
using System.Text;

namespace Locus.Server.Auth;

/// <summary>
/// The accepted bearer tokens and the client each one identifies, kept only as SHA-256 digests. Comparing
/// fixed-length digests with <see cref="CryptographicOperations.FixedTimeEquals"/>, against every key without early
/// exit, leaks neither a key's content nor its length through timing.
/// </summary>
internal sealed class ApiKeys
{
    /// <summary>The client a server-wide key (<c>server.api_keys</c>) identifies.</summary>
    public const string DefaultClient = "default";

    private readonly (byte[] Digest, string Client)[] _keys;

    public ApiKeys(IEnumerable<string> keys)
        : this(keys.Select(k => (k, DefaultClient)))
    {
    }

    public ApiKeys(IEnumerable<(string Key, string Client)> keys) => _keys = [.. keys.Select(k => (Digest(k.Key), k.Client))];

    public bool Required => _keys.Length > 0;

    public bool Accepts(string presented) => Identify(presented) is not null;

    /// <summary>The client <paramref name="presented"/> belongs to, or null when it is no accepted key.</summary>
    public string? Identify(string presented)
    {
        var candidate = Digest(presented);
        string? client = null;
        foreach (var (digest, name) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, candidate))
            {
                client ??= name;
            }
        }

        return client;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
