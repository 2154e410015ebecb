using Locus.Core.Errors;
using Locus.RouterLab.Data;
using Xunit;

namespace Locus.RouterLab.Tests.Evaluation;

public sealed class CsvReaderTests
{
    private static List<IReadOnlyList<string>> Parse(string text) => [.. CsvReader.Read(new StringReader(text))];

    [Fact]
    public void Read_QuotedFieldWithCommaNewlineAndDoubledQuote_KeepsThemInOneField()
    {
        var rows = Parse("a,b\n\"x, \"\"y\"\"\nz\",2\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["x, \"y\"\nz", "2"], rows[1]);
    }

    [Fact]
    public void Read_CrlfAndNoFinalNewline_EndsRecordsWithoutCarriageReturns()
    {
        var rows = Parse("a,b\r\n1,2\r\n3,4");

        Assert.Equal([["a", "b"], ["1", "2"], ["3", "4"]], rows);
    }

    [Fact]
    public void Read_EmptyFieldsAndEmptyQuotedField_AreEmptyStrings()
    {
        var rows = Parse(",,\"\"\n");

        Assert.Equal(["", "", ""], Assert.Single(rows));
    }

    [Fact]
    public void Read_BlankLinesBetweenRecords_AreSkipped()
    {
        var rows = Parse("a\n\n\nb\n");

        Assert.Equal([["a"], ["b"]], rows);
    }

    [Fact]
    public void Read_CrlfInsideQuotes_IsKeptVerbatim()
    {
        var rows = Parse("\"l1\r\nl2\",x\r\n");

        Assert.Equal(["l1\r\nl2", "x"], Assert.Single(rows));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_IsKeptLiterally()
    {
        var rows = Parse("5\" screen,ok\n");

        Assert.Equal(["5\" screen", "ok"], Assert.Single(rows));
    }

    [Fact]
    public void Read_UnterminatedQuote_ThrowsInvalidRequest()
    {
        var error = Assert.Throws<LocusException>(() => Parse("a,\"open\nnever closed\n"));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
    }

    [Fact]
    public void Load_RowWithWrongFieldCount_ThrowsNamingTheRecord()
    {
        var path = Path.Combine(Path.GetTempPath(), $"locus-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,b\n1,2\n3\n");
        try
        {
            var error = Assert.Throws<LocusException>(() => CsvTable.Load(path));
            Assert.Contains("record 3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
