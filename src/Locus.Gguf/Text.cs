using System.Text;

namespace Locus.Gguf;

/// <summary>Makes untrusted file text safe to put in an error message.</summary>
internal static class Text
{
    private const int MaxShown = 200;

    /// <summary>Printable ASCII as is, every other byte as <c>\xNN</c>.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\' && b != (byte)'\'')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append($"\\x{b:X2}");
            }
        }

        return sb.ToString();
    }

    /// <summary>Control characters escaped and long text cut, so a hostile key cannot flood a log.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxShown));
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            if (char.IsControl(c))
            {
                sb.Append($"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return text.Length > MaxShown ? sb.Append("...").ToString() : sb.ToString();
    }
}
