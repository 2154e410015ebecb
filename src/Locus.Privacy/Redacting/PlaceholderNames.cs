namespace Locus.Privacy;

/// <summary>
/// Placeholders look like <c>&lt;EMAIL_1&gt;</c>: a model reads them as "some email" and tends to copy them verbatim,
/// and angle-bracketed upper-case names with a number are rare in real text.
/// </summary>
internal static class PlaceholderNames
{
    public static string Label(SensitiveKind kind) => kind switch
    {
        SensitiveKind.ApiKey => "API_KEY",
        SensitiveKind.PrivateKey => "PRIVATE_KEY",
        SensitiveKind.Jwt => "JWT",
        SensitiveKind.HighEntropySecret => "SECRET",
        SensitiveKind.Email => "EMAIL",
        SensitiveKind.Phone => "PHONE",
        SensitiveKind.CardNumber => "CARD_NUMBER",
        SensitiveKind.Iban => "IBAN",
        SensitiveKind.NationalId => "NATIONAL_ID",
        SensitiveKind.Password => "PASSWORD",
        _ => "SENSITIVE",
    };

    public static string Format(SensitiveKind kind, int number) => $"<{Label(kind)}_{number}>";
}
