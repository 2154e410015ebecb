using System.Runtime.CompilerServices;
namespace Locus.Privacy.Text;

/// <summary>
/// How much a token's letters read like English: the share of adjacent letter pairs (case ignored) that are among
/// the ~120 most frequent English bigrams. Identifiers, even abbreviated ones (<c>xmlSecTransformDes3CbcId</c>),
/// score 0.5-0.8; random letters hit those pairs about 18% of the time.
/// </summary>
internal static class EnglishBigrams
{
    private const string Common =
        "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro " +
        "ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so " +
        "rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl " +
        "ig tu ev ld ry mp fe bl ab ty op sa ex ke fr oo av ag ap gr od bo sp rd do uc bu ei ov ep oc fa ef cu rn sc ga " +
        "qu ue ff ba ls va um pp up lu go ht ru ug ds lt pi rc ck";

    private static readonly bool[] IsCommon = Build();

    /// <returns>The share of common pairs among letter pairs, or 0 when there are fewer than <paramref name="minPairs"/>.</returns>
    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CommonShare(ReadOnlySpan<char> value, int minPairs = 8)
    {
        int pairs = 0, common = 0;
        for (var i = 1; i < value.Length; i++)
        {
            char a = value[i - 1], b = value[i];
            if (char.IsAsciiLetter(a) && char.IsAsciiLetter(b))
            {
                pairs++;
                common += IsCommon[Index(a, b)] ? 1 : 0;
            }
        }

        return pairs < minPairs ? 0 : (double)common / pairs;
    }

    // ASCII letters only: setting bit 5 lower-cases them.
    private static int Index(char a, char b) => (((a | 0x20) - 'a') * 26) + ((b | 0x20) - 'a');

    private static bool[] Build()
    {
        var table = new bool[26 * 26];
        foreach (var pair in Common.Split(' '))
        {
            table[Index(pair[0], pair[1])] = true;
        }

        return table;
    }
}
