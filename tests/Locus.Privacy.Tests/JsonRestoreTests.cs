using System.Text;
using System.Text.Json;

namespace Locus.Privacy.Tests;

/// <summary>
/// Restoring placeholders inside JSON text (a tool call's arguments, streamed in pieces): originals go in
/// JSON-escaped, so the arguments stay valid JSON and parse to the original values however the stream is cut.
/// </summary>
public sealed class JsonRestoreTests
{
    // A password with backslashes: restored raw into JSON text, "\\4" would be an invalid escape and "\\n" a newline.
    private const string Password = "Tr0ub\\4dor&3x\\n!Q";

    private static Redaction Issued(out string redactedPassword)
    {
        var redaction = Redaction.Create(Findings.Scanner);
        var redacted = redaction.Redact($"DB_PASSWORD={Password}\nmail jane.doe@example.com");
        redactedPassword = redacted.Split('\n')[0]["DB_PASSWORD=".Length..];
        return redaction;
    }

    [Fact]
    public void Redact_PasswordWithBackslashes_IsFoundWhole()
    {
        Issued(out var placeholder);

        Assert.Equal("<PASSWORD_1>", placeholder);
    }

    [Fact]
    public void RestoreInJson_PlaceholdersInStrings_ParsesToOriginals()
    {
        var redaction = Issued(out _);
        const string json = """{"to":"<EMAIL_1>","auth":{"password":"<PASSWORD_1>"},"list":["x <EMAIL_1> y"]}""";

        using var parsed = JsonDocument.Parse(redaction.RestoreInJson(json));

        Assert.Equal("jane.doe@example.com", parsed.RootElement.GetProperty("to").GetString());
        Assert.Equal(Password, parsed.RootElement.GetProperty("auth").GetProperty("password").GetString());
        Assert.Equal("x jane.doe@example.com y", parsed.RootElement.GetProperty("list")[0].GetString());
    }

    [Fact]
    public void Restore_PlainText_OriginalsUnescaped()
    {
        var redaction = Issued(out _);

        Assert.Equal($"pw {Password}", redaction.Restore("pw <PASSWORD_1>"));
    }

    [Fact]
    public void JsonStreamingRestorer_EveryTwoCuts_EqualsRestoreInJsonOfWhole()
    {
        var redaction = Issued(out _);
        const string json = """{"password":"<PASSWORD_1>","to":"<EMAIL_1>"}""";
        var expected = redaction.RestoreInJson(json);

        for (var i = 0; i <= json.Length; i++)
        {
            for (var j = i; j <= json.Length; j++)
            {
                var restorer = redaction.CreateJsonStreamingRestorer();
                var output = new StringBuilder()
                    .Append(restorer.Push(json[..i])).Append(restorer.Push(json[i..j])).Append(restorer.Push(json[j..])).Append(restorer.Flush());
                Assert.Equal(expected, output.ToString());
            }
        }

        using var parsed = JsonDocument.Parse(expected);
        Assert.Equal(Password, parsed.RootElement.GetProperty("password").GetString());
    }

    [Fact]
    public void Learn_ValueFoundWithLabel_RedactedBareInAnotherText()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        const string labelled = "DB_PASSWORD=Zq8vKw3mR2xT9p";

        redaction.Learn(["stop at Zq8vKw3mR2xT9p", labelled]);

        // Bare, the value has no label that would give it away; learned from the other text, it is replaced anyway.
        Assert.Empty(Findings.Scanner.Scan("Zq8vKw3mR2xT9p"));
        Assert.Equal("stop at <PASSWORD_1>", redaction.Redact("stop at Zq8vKw3mR2xT9p"));
        Assert.Equal("DB_PASSWORD=<PASSWORD_1>", redaction.Redact(labelled));
    }

    [Fact]
    public void Learn_PlaceholderInALaterText_NotIssued()
    {
        var redaction = Redaction.Create(Findings.Scanner);

        redaction.Learn(["mail jane.doe@example.com", "the template says <EMAIL_1>"]);

        Assert.Equal("mail <EMAIL_2>", redaction.Redact("mail jane.doe@example.com"));
        Assert.Equal("the template says <EMAIL_1>", redaction.Restore("the template says <EMAIL_1>"));
    }

    [Fact]
    public void Redact_KnownValueTwiceAndInsideAFinding_EachOccurrenceOnce()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        redaction.Learn(["DB_PASSWORD=Zq8vKw3mR2xT9p"]);

        Assert.Equal("<PASSWORD_1> and <PASSWORD_1>", redaction.Redact("Zq8vKw3mR2xT9p and Zq8vKw3mR2xT9p"));
    }
}
