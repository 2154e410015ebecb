namespace Locus.Privacy.Tests;

public sealed class ProviderKeyDetectorTests
{
    private const string Body48 = "Zq3XhR7tLm2Wv9Kp4Nc8Bd1Fg6Hj0Sx5Ty2Ue7Ai3Oq8Wr4E";

    [Theory]
    [InlineData("sk-" + Body48, "openai_api_key")]
    [InlineData("sk-proj-" + Body48 + "-_" + Body48, "openai_api_key")]
    [InlineData("sk-ant-api03-" + Body48 + "AA", "anthropic_api_key")]
    [InlineData("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", "openrouter_api_key")]
    [InlineData("ghp_" + "Zq3XhR7tLm2Wv9Kp4Nc8Bd1Fg6Hj0Sx5Ty2U", "github_token")]
    [InlineData("github_pat_11ABCDE2Y0q3XhR7tLm2Wv_9Kp4Nc8Bd1Fg6Hj0Sx5Ty2Ue7Ai3Oq8Wr4EZq3XhR7tLm2Wv9Kp4Nc8", "github_token")]
    [InlineData("xoxb-123456789012-1234567890123-Zq3XhR7tLm2Wv9Kp4Nc8Bd1F", "slack_token")]
    [InlineData("AIzaSyZq3XhR7tLm2Wv9Kp4Nc8Bd1Fg6Hj0Sx5T", "google_api_key")]
    [InlineData("sk_live_Zq3XhR7tLm2Wv9Kp4Nc8Bd1F", "stripe_secret_key")]
    [InlineData("rk_live_Zq3XhR7tLm2Wv9Kp4Nc8Bd1F", "stripe_secret_key")]
    [InlineData("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", "huggingface_token")]
    [InlineData("glpat-Zq3XhR7tLm2Wv9Kp4Nc8", "gitlab_token")]
    public void Scan_KeyInSentence_FoundWholeWithItsDetector(string key, string detector)
    {
        var text = $"the key is {key}, keep it safe";

        var finding = Findings.Single(text);

        Assert.Equal((SensitiveKind.ApiKey, detector, key), (finding.Kind, finding.Detector, Findings.ValueOf(text, finding)));
    }

    [Theory]
    [InlineData("risk-" + Body48)] // "sk-" inside a word
    [InlineData("sk-" + "Zq3XhR7tLm2Wv9Kp")] // too short
    [InlineData("sk-learn-pipeline-configuration-for-production-v2")] // words
    [InlineData("AIzaSyZq3XhR7tLm2Wv9Kp4Nc8Bd1Fg6Hj0Sx5Tx")] // Google keys are exactly 39 chars
    [InlineData("hf_hub_download_and_cache_all_model_files")]
    [InlineData("sk-ant-" + "short")] // a bad Anthropic body is not an OpenAI key either
    public void Scan_PrefixLookAlike_NoApiKey(string text)
    {
        Assert.DoesNotContain(Findings.Scanner.Scan(text), f => f.Kind == SensitiveKind.ApiKey);
    }

    [Fact]
    public void Scan_AwsKeyPair_IdAndSecretBothFound()
    {
        const string secret = "wJa7rXUtnF3MI/K7MDeNG/bPxRf1CYz9Q2mKp8Lx";
        var text = $"AWS_ACCESS_KEY_ID=AKIA2OGYBAH6QWERTY7Z\nAWS_SECRET_ACCESS_KEY={secret}\n";

        var found = Findings.Describe(text);

        Assert.Equal(["aws_access_key_id:AKIA2OGYBAH6QWERTY7Z", $"aws_secret_access_key:{secret}"], found);
    }

    [Fact]
    public void Scan_RandomTokenInAnotherParagraph_NotClaimedAsAwsSecret()
    {
        const string token = "wJa7rXUtnF3MI/K7MDeNG/bPxRf1CYz9Q2mKp8Lx";
        var text = $"key id AKIA2OGYBAH6QWERTY7Z\n\nUnrelated: the webhook value {token} rotates.";

        Assert.Equal(["aws_access_key_id:AKIA2OGYBAH6QWERTY7Z", $"high_entropy_token:{token}"], Findings.Describe(text));
    }

    [Theory]
    [InlineData("AKIA2OGYBAH6QWERTY7")] // 19 chars
    [InlineData("XAKIA2OGYBAH6QWERTY7Z")] // glued to a letter
    [InlineData("ASIAPACIFICREGIONAL")] // shouted words, no digit
    public void Scan_AwsIdLookAlike_NotFound(string text)
    {
        Assert.Empty(Findings.Scanner.Scan(text));
    }
}
