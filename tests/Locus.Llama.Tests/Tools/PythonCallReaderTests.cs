using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

public sealed class PythonCallReaderTests
{
    [Theory]
    [InlineData("query=\"a, b\"", "{\"query\":\"a, b\"}")]
    [InlineData("q='it\\'s', n=2, on=True, off=False, none=None", "{\"q\":\"it's\",\"n\":2,\"on\":true,\"off\":false,\"none\":null}")]
    [InlineData("", "{}")]
    [InlineData(" text = \"Grüße\\n\" ", "{\"text\":\"Grüße\\n\"}")]
    public void ArgumentsJson_KeywordArguments_BecomeAJsonObject(string arguments, string expected)
    {
        Assert.Equal(expected, PythonCallReader.ArgumentsJson(arguments));
    }

    [Theory]
    [InlineData("\"positional\"")]
    [InlineData("x=")]
    [InlineData("x=\"unterminated")]
    [InlineData("x=some_name")]
    public void ArgumentsJson_NotKeywordArguments_IsNull(string arguments)
    {
        Assert.Null(PythonCallReader.ArgumentsJson(arguments));
    }

    [Fact]
    public void Feed_CodeAfterPythonTag_IsAMalformedCallNotText()
    {
        var events = ParserHarness.Whole(ToolCallFormat.Llama3, "<|python_tag|>print(1)");

        var malformed = Assert.IsType<MalformedCall>(Assert.Single(events));
        Assert.Equal("<|python_tag|>print(1)", malformed.RawText);
    }
}
