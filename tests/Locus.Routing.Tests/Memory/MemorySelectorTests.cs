using Locus.Core.Abstractions;
using Locus.Routing.Memory;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;

namespace Locus.Routing.Tests.Memory;

/// <summary>Which documents a request carries: mode, request narrowing, allowed list, token cap and scope.</summary>
public sealed class MemorySelectorTests
{
    private static readonly FixedMemory Three = MemoryDocs.Source(MemoryDocs.Secret, MemoryDocs.Notes, MemoryDocs.Profile);
    private static readonly ClientPolicy Anyone = new() { Name = "default" };

    private static MemorySelection Select(MemoryOptions options, RequestContext? context = null, ClientPolicy? client = null, IMemorySource? source = null) =>
        MemorySelector.Select(options, client ?? Anyone, context ?? new RequestContext(), source ?? Three);

    private static string[] Names(IEnumerable<MemoryDocument> documents) => [.. documents.Select(d => d.Name)];

    [Fact]
    public void Select_InjectNeverEvenWhenRequested_NothingAndSaysWhy()
    {
        var selection = Select(new MemoryOptions(), new RequestContext(Memory: MemoryRequest.All));
        Assert.True(selection.IsEmpty);
        Assert.Contains("memory.inject is never", selection.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_OnRequestWithoutAsking_Nothing()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.OnRequest });
        Assert.True(selection.IsEmpty);
        Assert.Null(selection.Note);
    }

    [Fact]
    public void Select_OnRequestNamingIdAndName_OnlyThoseInSourceOrder()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.OnRequest },
            new RequestContext(Memory: MemoryRequest.Only(["PROFILE", "doc-secret"])));
        Assert.Equal(["secret-project", "profile"], Names(selection.Local));
    }

    [Fact]
    public void Select_AlwaysWithConfiguredList_ConfigOrderAndOnlyListed()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always, Documents = ["profile", "doc-notes"] });
        Assert.Equal(["profile", "notes"], Names(selection.Local));
    }

    [Fact]
    public void Select_RequestAsksForDocumentConfigDoesNotAllow_NotInjectedAndNoted()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always, Documents = ["notes"] },
            new RequestContext(Memory: MemoryRequest.Only(["notes", "secret-project"])));
        Assert.Equal(["notes"], Names(selection.Local));
        Assert.Contains("1 requested document is unknown or not allowed", selection.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_AlwaysButRequestSaysNone_Nothing() =>
        Assert.True(Select(new MemoryOptions { Inject = MemoryInjectMode.Always }, new RequestContext(Memory: MemoryRequest.None)).IsEmpty);

    [Fact]
    public void Select_CloudScope_OffDeviceGetsOnlyCloudDocuments()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always });
        Assert.Equal(["secret-project", "notes", "profile"], Names(selection.For(onDevice: true)));
        Assert.Equal(["notes", "profile"], Names(selection.For(onDevice: false)));
        Assert.Equal(1, selection.WithheldFromCloud);
        Assert.DoesNotContain(MemoryDocs.PrivateMarker, selection.CloudText, StringComparison.Ordinal);
        Assert.Contains(MemoryDocs.CloudMarker, selection.CloudText, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_ClientMayNotUseCloud_NoDocumentForOffDevice()
    {
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always }, client: new ClientPolicy { Name = "kid", AllowCloud = false });
        Assert.Equal(3, selection.Local.Count);
        Assert.Empty(selection.Cloud);
        Assert.Equal("", selection.CloudText);
    }

    [Fact]
    public void Select_RequestMarkedLocalOnly_NoDocumentForOffDevice() =>
        Assert.Empty(Select(new MemoryOptions { Inject = MemoryInjectMode.Always }, new RequestContext(Privacy: PrivacyMarking.LocalOnly)).Cloud);

    [Theory]
    [InlineData(MemoryInjectMode.Never, MemoryInjectMode.Always, 3)]
    [InlineData(MemoryInjectMode.Always, MemoryInjectMode.Never, 0)]
    public void Select_ClientOverride_BeatsSection(MemoryInjectMode section, MemoryInjectMode client, int expected) =>
        Assert.Equal(expected, Select(new MemoryOptions { Inject = section }, client: new ClientPolicy { Name = "c", Memory = client }).Local.Count);

    [Fact]
    public void Select_OverMaxTokens_DropsWholeDocumentsLastFirstUntilItFits()
    {
        var docs = new[] { MemoryDocs.Sized("a", 300), MemoryDocs.Sized("b", 300), MemoryDocs.Sized("c", 300), MemoryDocs.Sized("d", 300) };
        var two = MemoryBlock.EstimateTokens(docs[..2]);
        var three = MemoryBlock.EstimateTokens(docs[..3]);
        // A cap between what two and three documents need: the last two go, whole.
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always, MaxTokens = (two + three) / 2 }, source: MemoryDocs.Source(docs));

        Assert.Equal(["a", "b"], Names(selection.Local));
        Assert.Equal(["c", "d"], Names(selection.Dropped));
        Assert.Equal(two, selection.Tokens);
        Assert.True(selection.Tokens <= (two + three) / 2);
    }

    [Fact]
    public void Select_CapDropsDocuments_CloudSubsetComesFromWhatWasKept()
    {
        var docs = new[] { MemoryDocs.Sized("kept", 200, MemoryScope.Devices), MemoryDocs.Sized("big-cloud", 2000) };
        var selection = Select(new MemoryOptions { Inject = MemoryInjectMode.Always, MaxTokens = 500 }, source: MemoryDocs.Source(docs));
        Assert.Equal(["kept"], Names(selection.Local));
        Assert.Empty(selection.Cloud);
    }

    [Fact]
    public void Select_NoMemorySourceButRequested_NothingAndSaysWhy()
    {
        var selection = MemorySelector.Select(new MemoryOptions { Inject = MemoryInjectMode.Always }, Anyone, new RequestContext(Memory: MemoryRequest.All), null);
        Assert.True(selection.IsEmpty);
        Assert.Contains("no memory documents", selection.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all", null, false)]
    [InlineData("*", null, false)]
    [InlineData("none", "", true)]
    [InlineData(" notes , doc-secret ", "notes|doc-secret", false)]
    public void TryParse_HeaderSpellings_Parsed(string header, string? documents, bool none)
    {
        Assert.True(MemoryRequest.TryParse(header, out var request));
        Assert.NotNull(request);
        Assert.Equal(none, request.IsNone);
        Assert.Equal(documents, request.Documents is null ? null : string.Join('|', request.Documents));
    }

    [Fact]
    public void TryParse_EmptyEntryOrNothing_RejectedOrNull()
    {
        Assert.False(MemoryRequest.TryParse("notes,,x", out _));
        Assert.True(MemoryRequest.TryParse("  ", out var nothing));
        Assert.Null(nothing);
    }
}
