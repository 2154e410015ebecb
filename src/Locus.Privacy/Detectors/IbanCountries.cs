namespace Locus.Privacy.Detectors;

/// <summary>IBAN lengths by country (SWIFT IBAN registry): all SEPA countries and the other common issuers.</summary>
internal static class IbanCountries
{
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        // SEPA
        ["AD"] = 24, ["AT"] = 20, ["BE"] = 16, ["BG"] = 22, ["CH"] = 21, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22,
        ["DK"] = 18, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18, ["FR"] = 27, ["GB"] = 22, ["GI"] = 23, ["GR"] = 27,
        ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IS"] = 26, ["IT"] = 27, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MT"] = 31, ["NL"] = 18, ["NO"] = 15, ["PL"] = 28, ["PT"] = 25, ["RO"] = 24,
        ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["VA"] = 22,

        // Elsewhere
        ["AE"] = 23, ["AL"] = 28, ["AZ"] = 28, ["BA"] = 20, ["BH"] = 22, ["BR"] = 29, ["BY"] = 28, ["CR"] = 22,
        ["DO"] = 28, ["EG"] = 29, ["FO"] = 18, ["GE"] = 22, ["GL"] = 18, ["GT"] = 28, ["IL"] = 23, ["IQ"] = 23,
        ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LY"] = 25, ["MD"] = 24, ["ME"] = 22,
        ["MK"] = 19, ["MR"] = 27, ["MU"] = 30, ["PK"] = 24, ["PS"] = 29, ["QA"] = 29, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29,
        ["VG"] = 24, ["XK"] = 20,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Lengths.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <returns>The IBAN length for a country code, or 0 when the country has no IBAN.</returns>
    public static int LengthOf(ReadOnlySpan<char> countryCode) => Lookup.TryGetValue(countryCode, out var length) ? length : 0;
}
