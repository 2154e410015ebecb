using System.Security.Cryptography;
using System.Text;

namespace Locus.Server.Auth;

/// <summary>
/// The accepted bearer tokens, kept only as SHA-256 digests. Comparing fixed-length digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, against every key without early exit, leaks neither a
/// key's content nor its length through timing.
/// </summary>
internal sealed class ApiKeys
{
    private readonly byte[][] _digests;

    public ApiKeys(IEnumerable<string> keys) => _digests = [.. keys.Select(Digest)];

    public bool Required => _digests.Length > 0;

    public bool Accepts(string presented)
    {
        var candidate = Digest(presented);
        var match = false;
        foreach (var digest in _digests)
            match |= CryptographicOperations.FixedTimeEquals(digest, candidate);
        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
