namespace Locus.Privacy.Tests;

public sealed class RedactionTests
{
    [Fact]
    public void RedactRestore_HundredPlantedPrompts_NoValueLeaksAndRoundTripIsExact()
    {
        foreach (var prompt in PlantedSecrets.Prompts(100))
        {
            var redaction = Redaction.Create(Findings.Scanner);

            var redacted = redaction.Redact(prompt.Text);

            Assert.All(prompt.Values, v => Assert.DoesNotContain(v.Value, redacted, StringComparison.Ordinal));
            Assert.Equal(prompt.Values.Select(v => v.Value).Distinct().Count(), redaction.Count);
            Assert.Equal(prompt.Text, redaction.Restore(redacted));
        }
    }

    [Fact]
    public void Redact_SameValueInTwoMessages_SamePlaceholder()
    {
        var redaction = Redaction.Create(Findings.Scanner);

        var first = redaction.Redact("Mail jane.doe@example.com or call +44 20 7946 0958.");
        var second = redaction.Redact("Again: jane.doe@example.com, and bob@example.org.");

        Assert.Equal("Mail <EMAIL_1> or call <PHONE_1>.", first);
        Assert.Equal("Again: <EMAIL_1>, and <EMAIL_2>.", second);
        Assert.Equal(3, redaction.Count);
        Assert.Equal([SensitiveKind.Email, SensitiveKind.Phone], redaction.Kinds);
    }

    [Fact]
    public void Restore_AnswerUsingPlaceholders_OriginalsBackOthersUntouched()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        redaction.Redact("Card 4111 1111 1111 1111, mail jane.doe@example.com");

        var restored = redaction.Restore("Charged <CARD_NUMBER_1>; receipt to <EMAIL_1>. Unknown <EMAIL_7>, <b>bold</b>, a < b > c.");

        Assert.Equal("Charged 4111 1111 1111 1111; receipt to jane.doe@example.com. Unknown <EMAIL_7>, <b>bold</b>, a < b > c.", restored);
    }

    [Fact]
    public void Redact_PlaceholderAlreadyInUserText_ChoosesAnotherSoRestoreKeepsUserText()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        const string original = "Template says <EMAIL_1>; the real one is jane.doe@example.com";

        var redacted = redaction.Redact(original);

        Assert.Equal("Template says <EMAIL_1>; the real one is <EMAIL_2>", redacted);
        Assert.Equal(original, redaction.Restore(redacted));
        Assert.Equal("<EMAIL_1> stays", redaction.Restore("<EMAIL_1> stays"));
    }

    [Fact]
    public void Redact_PlaceholderInEarlierMessageWithoutFindings_NotReused()
    {
        var redaction = Redaction.Create(Findings.Scanner);

        Assert.Equal("literal <PHONE_1> here", redaction.Redact("literal <PHONE_1> here"));
        Assert.Equal("call <PHONE_2>", redaction.Redact("call +44 20 7946 0958"));
    }

    [Fact]
    public void Redact_NothingFound_SameInstance_Restore_NothingIssued_SameInstance()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        const string text = "nothing <here> at all";

        Assert.Same(text, redaction.Redact(text));
        Assert.Same(text, redaction.Restore(text));
        Assert.Equal(0, redaction.Count);
        Assert.Empty(redaction.Kinds);
    }

    [Fact]
    public void Redact_MultilinePrivateKey_OnePlaceholder()
    {
        var key = PlantedSecrets.All().First(s => s.Detector == "private_key");
        var redaction = Redaction.Create(Findings.Scanner);

        var redacted = redaction.Redact(key.Context);

        Assert.Equal(key.Context.Replace(key.Value, "<PRIVATE_KEY_1>", StringComparison.Ordinal), redacted);
    }
}
