using Locus.Privacy.Scanning;
using System.Buffers;

namespace Locus.Privacy.Detectors;

/// <summary>A credential format that starts with a fixed prefix: the body's alphabet and length range.</summary>
/// <param name="RejectWords">
/// For prefixes that also start ordinary words (<c>sk-learn-pipeline-v2</c>): the body must not read as words. Other
/// prefixes are distinctive enough, and their bodies (letters-only Hugging Face tokens) would fail that test.
/// </param>
internal sealed record KeyRule(string Prefix, string Detector, SearchValues<char> Body, int MinBody, int MaxBody, bool RejectWords = false);

/// <summary>The formats <see cref="ProviderKeyDetector"/> knows, longest prefix first where prefixes share a start.</summary>
internal static class ProviderKeyRules
{
    private static readonly SearchValues<char> Alnum =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly SearchValues<char> AlnumDashUnderscore =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly SearchValues<char> AlnumUnderscore =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static readonly SearchValues<char> AlnumDash =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    public static IReadOnlyList<KeyRule> All { get; } =
    [
        // sk-ant-api03-<93>AA; sk-or-v1-<64 hex>; project and service-account keys; then legacy sk-<48>.
        new("sk-ant-", DetectorIds.AnthropicApiKey, AlnumDashUnderscore, 32, 200),
        new("sk-or-v1-", DetectorIds.OpenRouterApiKey, Alnum, 32, 128),
        new("sk-proj-", DetectorIds.OpenAiApiKey, AlnumDashUnderscore, 32, 300),
        new("sk-svcacct-", DetectorIds.OpenAiApiKey, AlnumDashUnderscore, 32, 300),
        new("sk-admin-", DetectorIds.OpenAiApiKey, AlnumDashUnderscore, 32, 300),
        new("sk-", DetectorIds.OpenAiApiKey, AlnumDashUnderscore, 32, 300, RejectWords: true),
        new("sk_live_", DetectorIds.StripeSecretKey, Alnum, 20, 250),
        new("rk_live_", DetectorIds.StripeSecretKey, Alnum, 20, 250),
        new("sk_test_", DetectorIds.StripeSecretKey, Alnum, 20, 250),
        new("rk_test_", DetectorIds.StripeSecretKey, Alnum, 20, 250),
        new("ghp_", DetectorIds.GitHubToken, Alnum, 30, 251),
        new("gho_", DetectorIds.GitHubToken, Alnum, 30, 251),
        new("ghs_", DetectorIds.GitHubToken, Alnum, 30, 251),
        new("ghu_", DetectorIds.GitHubToken, Alnum, 30, 251),
        new("ghr_", DetectorIds.GitHubToken, Alnum, 30, 251),
        new("github_pat_", DetectorIds.GitHubToken, AlnumUnderscore, 50, 251),
        new("xoxa-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("xoxb-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("xoxp-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("xoxo-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("xoxs-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("xoxr-", DetectorIds.SlackToken, AlnumDash, 10, 255),
        new("AIza", DetectorIds.GoogleApiKey, AlnumDashUnderscore, 35, 35),
        new("hf_", DetectorIds.HuggingFaceToken, Alnum, 30, 64),
        new("glpat-", DetectorIds.GitLabToken, AlnumDashUnderscore, 20, 64),
    ];
}
