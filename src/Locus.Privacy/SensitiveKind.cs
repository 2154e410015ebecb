namespace Locus.Privacy;

/// <summary>What a finding is; the router's policy (keep local, redact, block) is decided per kind.</summary>
public enum SensitiveKind
{
    /// <summary>A provider or cloud credential recognised by its format, or a labelled secret assignment.</summary>
    ApiKey,

    /// <summary>A PEM or PGP private key block.</summary>
    PrivateKey,

    /// <summary>A JSON Web Token (a bearer credential that often also carries personal claims).</summary>
    Jwt,

    /// <summary>An unlabelled random-looking token that is probably a generated credential.</summary>
    HighEntropySecret,

    Email,
    Phone,
    CardNumber,
    Iban,

    /// <summary>A government identifier (US SSN, UK NINO, Dutch BSN, Spanish DNI/NIE, Indian Aadhaar).</summary>
    NationalId,

    /// <summary>A password: a <c>password: ...</c> assignment or the password part of a URL's user info.</summary>
    Password,
}
