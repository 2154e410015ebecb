using Locus.Privacy.Scanning;

namespace Locus.Privacy.Detectors;

/// <summary>
/// The built-in detectors, cheapest pre-filter first so that <see cref="ISensitivityScanner.ContainsAny"/> exits early.
/// <see cref="HighEntropyDetector"/> stays last: it skips tokens that the others already claimed.
/// </summary>
internal static class DetectorCatalog
{
    public static IReadOnlyList<IDetector> All { get; } =
    [
        new PrivateKeyDetector(),
        new JwtDetector(),
        new ProviderKeyDetector(),
        new AwsKeyDetector(),
        new UrlCredentialDetector(),
        new EmailDetector(),
        new CardNumberDetector(),
        new IbanDetector(),
        new UsSsnDetector(),
        new UkNinoDetector(),
        new NlBsnDetector(),
        new EsDniDetector(),
        new InAadhaarDetector(),
        new PhoneDetector(),
        new AssignmentDetector(),
        new HighEntropyDetector(),
    ];
}
