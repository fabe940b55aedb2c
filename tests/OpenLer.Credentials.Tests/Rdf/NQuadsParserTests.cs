using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.Tests.Rdf;

public class NQuadsParserTests
{
    [Fact]
    public void Parse_AllTermKinds_ReturnsQuads()
    {
        const string text = """
            # a comment line
            <http://example.org/s> <http://example.org/p> <http://example.org/o> .
            _:b0 <http://example.org/p> "plain" <http://example.org/g> . # trailing comment

            _:b0 <http://example.org/p> "bonjour"@fr-CA _:g1 .
            <http://example.org/s>	<http://example.org/p>	"5"^^<http://www.w3.org/2001/XMLSchema#integer>	.
            """;

        var dataset = NQuadsParser.Parse(text).Value;

        Assert.Equal(4, dataset.Count);
        Assert.Equal(new Quad(RdfTerm.Iri("http://example.org/s"), RdfTerm.Iri("http://example.org/p"), RdfTerm.Iri("http://example.org/o")), dataset.Quads[0]);
        Assert.Equal(RdfTerm.BlankNode("b0"), dataset.Quads[1].Subject);
        Assert.Equal(RdfTerm.Literal("plain"), dataset.Quads[1].Object);
        Assert.Equal(RdfTerm.Iri("http://example.org/g"), dataset.Quads[1].Graph);
        Assert.Equal("fr-CA", dataset.Quads[2].Object.Language);
        Assert.Equal(RdfTerm.RdfLangString, dataset.Quads[2].Object.Datatype);
        Assert.Equal(RdfTerm.BlankNode("g1"), dataset.Quads[2].Graph);
        Assert.Equal(RdfTerm.Literal("5", "http://www.w3.org/2001/XMLSchema#integer"), dataset.Quads[3].Object);
        Assert.True(dataset.Quads[3].Graph.IsDefaultGraph);
    }

    [Fact]
    public void Parse_LiteralEscapes_AreDecoded()
    {
        const string text = "<urn:s> <urn:p> \"\\t\\b\\n\\r\\f\\\"\\'\\\\ \\u00E9\\U0001F303\" .\n";

        var literal = NQuadsParser.Parse(text).Value.Quads[0].Object;

        Assert.Equal("\t\b\n\r\f\"'\\ é🌃", literal.Value);
    }

    [Fact]
    public void Parse_IriEscapes_AreDecoded()
    {
        var quad = NQuadsParser.Parse("<urn:ex:\\u0065\\u0078> <urn:p\\U0000221E> <urn:o> .").Value.Quads[0];

        Assert.Equal("urn:ex:ex", quad.Subject.Value);
        Assert.Equal("urn:p∞", quad.Predicate.Value);
    }

    [Theory]
    [InlineData("<urn:s> <urn:p> _:b1.", "b1")]
    [InlineData("<urn:s> <urn:p> _:a.b.c .", "a.b.c")]
    [InlineData("<urn:s> <urn:p> _:0-x_y·z .", "0-x_y·z")]
    [InlineData("<urn:s> <urn:p> _:étoile .", "étoile")]
    public void Parse_BlankNodeLabels_FollowGrammar(string text, string label) =>
        Assert.Equal(label, NQuadsParser.Parse(text).Value.Quads[0].Object.Value);

    [Fact]
    public void Parse_CrLfAndMissingFinalNewline_AreAccepted()
    {
        var dataset = NQuadsParser.Parse("<urn:s> <urn:p> \"1\" .\r\n<urn:s> <urn:p> \"2\" .").Value;

        Assert.Equal(2, dataset.Count);
    }

    [Theory]
    [InlineData("<urn:s> <urn:p> <urn:o>", "expected '.'")]
    [InlineData("<urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o> .", "end of the line")]
    [InlineData("<urn:s> <urn:p> \"unterminated .", "unterminated literal")]
    [InlineData("<urn:s> <urn:p> \"line\nbreak\" .", "line break")]
    [InlineData("<relative> <urn:p> <urn:o> .", "not absolute")]
    [InlineData("<urn:s> <urn:p> <urn:o o> .", "not allowed in an IRI")]
    [InlineData("<urn:s> <urn:p> <urn:\\u0020> .", "not allowed in an IRI")]
    [InlineData("<urn:s <urn:p> <urn:o> .", "not allowed in an IRI")]
    [InlineData("\"literal\" <urn:p> <urn:o> .", "expected an IRI")]
    [InlineData("<urn:s> _:p <urn:o> .", "expected an IRI")]
    [InlineData("<urn:s> <urn:p> <urn:o> \"graph\" .", "expected '.'")]
    [InlineData("<urn:s> <urn:p> \"x\"@ .", "empty language tag")]
    [InlineData("<urn:s> <urn:p> \"x\"@en- .", "empty language subtag")]
    [InlineData("<urn:s> <urn:p> \"x\"^^\"y\" .", "expected an IRI")]
    [InlineData("<urn:s> <urn:p> \"\\x\" .", "invalid escape")]
    [InlineData("<urn:s> <urn:p> \"\\u12G4\" .", "hexadecimal")]
    [InlineData("<urn:s> <urn:p> \"\\u12", "truncated")]
    [InlineData("<urn:s> <urn:p> \"\\uD800\" .", "scalar value")]
    [InlineData("<urn:s> <urn:p> \"\\U00110000\" .", "scalar value")]
    [InlineData("<urn:s> <urn:p> _:.b .", "blank node label")]
    [InlineData("<urn:s> <urn:p> _: .", "blank node label")]
    [InlineData("<urn:s> <urn:p> <urn:o> <urn:g> <urn:x> .", "expected '.'")]
    public void Parse_Malformed_FailsWithSyntaxError(string text, string reason)
    {
        var result = NQuadsParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.NQuadsSyntax, result.Error.Code);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnpairedSurrogateInString_Fails()
    {
        var result = NQuadsParser.Parse("<urn:s> <urn:p> \"x\ud800\" .");

        Assert.Equal(ErrorCodes.NQuadsSyntax, result.Error!.Code);
        Assert.Contains("unpaired surrogate", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorOnLaterLine_ReportsLineNumber()
    {
        var result = NQuadsParser.Parse("<urn:s> <urn:p> <urn:o> .\n# note\n<urn:s> <urn:p> .\n");

        Assert.Equal(ErrorCodes.NQuadsSyntax, result.Error!.Code);
        Assert.Contains("line 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreStatementsThanAllowed_FailsAsTooLarge()
    {
        static string Lines(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"<urn:s> <urn:p> \"{i}\" .\n"));

        Assert.Equal(10, NQuadsParser.Parse(Lines(10), maxQuads: 10).Value.Count);
        Assert.Equal(ErrorCodes.RdfDatasetTooLarge, NQuadsParser.Parse(Lines(11), maxQuads: 10).Error!.Code);
    }

    [Fact]
    public void Parse_InvalidUtf8_Fails()
    {
        byte[] bytes = [.. "<urn:s> <urn:p> \""u8, 0xC3, 0x28, .. "\" .\n"u8];

        Assert.Equal(ErrorCodes.NQuadsSyntax, NQuadsParser.Parse(bytes).Error!.Code);
    }

    [Fact]
    public void Parse_Utf8Bytes_MatchesText()
    {
        const string text = "<urn:s> <urn:p> \"Ünïcödé 🌃\"@de .\n";

        var fromBytes = NQuadsParser.Parse(Encoding.UTF8.GetBytes(text)).Value;

        Assert.Equal(NQuadsParser.Parse(text).Value.Quads, fromBytes.Quads);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# only a comment")]
    public void Parse_EmptyDocument_IsEmptyDataset(string text) =>
        Assert.Equal(0, NQuadsParser.Parse(text).Value.Count);
}
