namespace Locus.Privacy.Detectors;

/// <summary>
/// Which final labels make an address look real: a country code or a known generic TLD. This keeps
/// <c>icon@2x.png</c>, <c>pkg@next.js</c> and <c>user@host.local</c> out.
/// </summary>
internal static class TopLevelDomains
{
    private static readonly HashSet<string> Generic = new(
    [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "aero", "coop",
        "museum", "travel", "jobs", "tel", "asia", "cat", "app", "dev", "page", "cloud", "online", "site", "tech",
        "store", "shop", "blog", "email", "mail", "xyz", "top", "club", "live", "news", "media", "agency", "digital",
        "global", "world", "today", "space", "website", "solutions", "services", "systems", "network", "company",
        "group", "center", "academy", "support", "team", "studio", "design", "art", "life", "love", "work", "works",
        "software", "science", "finance", "bank", "insurance", "health", "care", "law", "legal", "consulting",
        "energy", "engineering", "education", "school", "university", "events", "social", "community", "family",
        "house", "home", "land", "city", "berlin", "london", "paris", "nyc", "tokyo", "amsterdam", "swiss",
        "ventures", "capital", "partners", "holdings", "enterprises", "industries", "international", "institute",
        "foundation", "charity", "ngo", "earth", "green", "eco", "one", "plus", "zone", "run", "link", "click",
        "fun", "games", "video", "music", "photo", "photos", "pics", "gallery", "fashion", "fit",
        "google", "microsoft", "apple", "amazon", "aws",
    ], StringComparer.OrdinalIgnoreCase);

    // ISO 3166 alpha-2 codes in use as ccTLDs, plus ac, eu, su and uk.
    private const string CountryCodes =
        "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz " +
        "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk fm fo " +
        "fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm " +
        "jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq " +
        "mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re " +
        "ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr " +
        "tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

    private static readonly HashSet<string> Countries = new(CountryCodes.Split(' '), StringComparer.OrdinalIgnoreCase);

    public static bool LooksReal(ReadOnlySpan<char> label) => label.Length switch
    {
        2 => Countries.GetAlternateLookup<ReadOnlySpan<char>>().Contains(label),
        > 2 and <= 24 => Generic.GetAlternateLookup<ReadOnlySpan<char>>().Contains(label),
        _ => false,
    };
}
