using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Locus.Privacy.Tests;

/// <summary>Streaming restore equals restoring the whole answer, however the stream is chunked.</summary>
public sealed class StreamingRestorerTests
{
    private static readonly Redaction Issued = CreateRedaction();

    // Pieces that stress the hold-back logic: whole placeholders, their prefixes, stray brackets, ordinary text.
    private static readonly string[] Pieces =
    [
        "<EMAIL_1>", "<EMAIL_2>", "<PHONE_1>", "<CARD_NUMBER_1>", "<EMAIL_1", "<EMAIL_", "<EMA", "<", ">", "<<", "EMAIL_1>",
        "<EMAIL_10>", "<EMAIL_1 >", " ", "hello", "a<b", "x>y", "é", "\n", "<p>", "_1>",
    ];

    [Fact]
    public void PushFlush_RandomTextsAndChunkings_EqualRestoreOfWhole()
    {
        var texts = Gen.ListOf(Gen.Elements(Pieces)).Select(p => string.Concat(p));
        var cases = from text in texts
                    from cuts in Gen.ListOf(Gen.Choose(0, Math.Max(0, text.Length)))
                    select (text, cuts.Distinct().Order().ToArray());

        Prop.ForAll(cases.ToArbitrary(), c => Stream(c.text, c.Item2) == Issued.Restore(c.text))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void PushFlush_EverySplitOfTwoPlaceholders_EqualRestoreOfWhole()
    {
        const string text = "To <EMAIL_1>, cc <EMAIL_2>; call <PHONE_1>.";
        var expected = Issued.Restore(text);

        for (var i = 0; i <= text.Length; i++)
        {
            for (var j = i; j <= text.Length; j++)
            {
                Assert.Equal(expected, Stream(text, [i, j]));
            }
        }
    }

    [Fact]
    public void PushFlush_OneCharAtATime_EqualRestoreOfWhole()
    {
        const string text = "<EMAIL_1><PHONE_1><<EMAIL_2>>";

        Assert.Equal(Issued.Restore(text), Stream(text, Enumerable.Range(1, text.Length - 1).ToArray()));
    }

    [Fact]
    public void Push_PartialPlaceholder_HeldBackOnlyWhileItCouldComplete()
    {
        var restorer = Issued.CreateStreamingRestorer();

        Assert.Equal("Hello ", restorer.Push("Hello <EM"));
        Assert.Equal("jane.doe@example.com!", restorer.Push("AIL_1>!"));
        Assert.Equal("a <b and more", restorer.Push("a <b and more"));
        Assert.Equal("", restorer.Push("<PHONE_"));
        Assert.Equal("<PHONE_", restorer.Flush());
    }

    [Fact]
    public void Flush_UnfinishedPlaceholderAtEnd_EmittedAsIs()
    {
        var restorer = Issued.CreateStreamingRestorer();
        restorer.Push("see <EMAIL_");

        Assert.Equal("<EMAIL_", restorer.Flush());
        Assert.Equal("", restorer.Flush());
    }

    private static string Stream(string text, int[] cuts)
    {
        var restorer = Issued.CreateStreamingRestorer();
        var output = new StringBuilder();
        var previous = 0;
        foreach (var cut in cuts.Append(text.Length))
        {
            output.Append(restorer.Push(text[previous..cut]));
            previous = cut;
        }

        return output.Append(restorer.Flush()).ToString();
    }

    private static Redaction CreateRedaction()
    {
        var redaction = Redaction.Create(Findings.Scanner);
        redaction.Redact("jane.doe@example.com, bob@example.org, +44 20 7946 0958, 4111 1111 1111 1111");
        return redaction;
    }
}
