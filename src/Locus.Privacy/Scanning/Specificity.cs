namespace Locus.Privacy.Scanning;

/// <summary>
/// Which detector wins when two claim overlapping text: the one whose format says more. A PEM block contains
/// high-entropy lines, a URL's password can look like an email's local part, a labelled BSN is also a 9-digit run.
/// </summary>
internal static class Specificity
{
    public const int PrivateKeyBlock = 100;
    public const int Jwt = 90;
    public const int ProviderKey = 80;
    public const int UrlCredentials = 75;
    public const int AwsSecretKey = 70;
    public const int Iban = 65;
    public const int CardNumber = 60;
    public const int Email = 55;
    public const int NationalId = 50;
    public const int Phone = 40;
    public const int Assignment = 30;
    public const int HighEntropy = 10;
}
