namespace Locus.Privacy.Scanning;

/// <summary>The stable ids in <see cref="SensitiveFinding.Detector"/>; configuration and logs may name them.</summary>
internal static class DetectorIds
{
    public const string OpenAiApiKey = "openai_api_key";
    public const string AnthropicApiKey = "anthropic_api_key";
    public const string OpenRouterApiKey = "openrouter_api_key";
    public const string AwsAccessKeyId = "aws_access_key_id";
    public const string AwsSecretAccessKey = "aws_secret_access_key";
    public const string GitHubToken = "github_token";
    public const string SlackToken = "slack_token";
    public const string GoogleApiKey = "google_api_key";
    public const string StripeSecretKey = "stripe_secret_key";
    public const string HuggingFaceToken = "huggingface_token";
    public const string GitLabToken = "gitlab_token";
    public const string SecretAssignment = "secret_assignment";
    public const string PasswordAssignment = "password_assignment";
    public const string UrlCredentials = "url_credentials";
    public const string PrivateKey = "private_key";
    public const string Jwt = "jwt";
    public const string HighEntropyToken = "high_entropy_token";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string CardNumber = "card_number";
    public const string Iban = "iban";
    public const string UsSsn = "us_ssn";
    public const string UkNino = "uk_nino";
    public const string NlBsn = "nl_bsn";
    public const string EsDni = "es_dni";
    public const string InAadhaar = "in_aadhaar";

    public static IReadOnlyList<string> All { get; } =
    [
        OpenAiApiKey, AnthropicApiKey, OpenRouterApiKey, AwsAccessKeyId, AwsSecretAccessKey, GitHubToken, SlackToken,
        GoogleApiKey, StripeSecretKey, HuggingFaceToken, GitLabToken, SecretAssignment, PasswordAssignment, UrlCredentials,
        PrivateKey, Jwt, HighEntropyToken, Email, Phone, CardNumber, Iban, UsSsn, UkNino, NlBsn, EsDni, InAadhaar,
    ];
}
