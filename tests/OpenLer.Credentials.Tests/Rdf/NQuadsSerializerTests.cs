using OpenLer.Credentials.Common;
using OpenLer.Credentials.Rdf;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Rdf;

public class NQuadsSerializerTests
{
    [Fact]
    public void Serialize_Literal_UsesCanonicalEscapes()
    {
        // RDFC-1.0 Appendix A: ECHAR for BS HT LF FF CR " \, UCHAR (uppercase) for other C0 controls and DEL, else raw.
        var all = new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i), '"', '\\', '\'', '\u007F', '\u0080', 'é', '∞']);
        var quad = new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal(all));

        var line = NQuadsSerializer.Serialize(quad).Value;

        Assert.Equal(
            "<urn:s> <urn:p> \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F" +
            "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F" +
            "\\\"\\\\'\\u007F\u0080é∞\" .\n",
            line);
    }

    [Fact]
    public void Serialize_Literals_OmitXsdStringAndKeepLanguageAndDatatype()
    {
        var dataset = new RdfDataset(
        [
            new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal("a", RdfTerm.XsdString)),
            new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal("b", null, "en-GB")),
            new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal("1", "http://www.w3.org/2001/XMLSchema#integer"), RdfTerm.BlankNode("g")),
        ]);

        Assert.Equal(
            "<urn:s> <urn:p> \"a\" .\n" +
            "<urn:s> <urn:p> \"b\"@en-GB .\n" +
            "<urn:s> <urn:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n",
            NQuadsSerializer.Serialize(dataset).Value);
    }

    [Fact]
    public void ParseThenSerialize_NonCanonicalInput_GivesCanonicalForm()
    {
        const string input = "_:x\t<urn:p>   \"\\u0041\\u00e9\\'\"  <urn:g>.  # note\r\n<urn:\\u0073> <urn:p> \"\\u007f\"^^<urn:\\u0064t> .";

        var output = NQuadsSerializer.Serialize(NQuadsParser.Parse(input).Value).Value;

        Assert.Equal("_:x <urn:p> \"Aé'\" <urn:g> .\n<urn:s> <urn:p> \"\\u007F\"^^<urn:dt> .\n", output);
        Assert.Equal(output, NQuadsSerializer.Serialize(NQuadsParser.Parse(output).Value).Value);
    }

    [Fact]
    public void ParseThenSerialize_EveryCanonicalResultOfTheSuite_RoundTripsExactly()
    {
        var folder = Path.Combine(SharedFolder.VectorsOrSkip("rdf-canon"), "tests", "rdfc10");
        var files = Directory.GetFiles(folder, "*-rdfc10.nq");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.Equal(text, NQuadsSerializer.Serialize(NQuadsParser.Parse(text).Value).Value);
        }
    }

    [Fact]
    public void Serialize_LiteralSubject_FailsAsInvalidDataset()
    {
        var quad = new Quad(RdfTerm.Literal("x"), RdfTerm.Iri("urn:p"), RdfTerm.Iri("urn:o"));

        Assert.Equal(ErrorCodes.InvalidRdfDataset, NQuadsSerializer.Serialize(quad).Error!.Code);
    }

    [Fact]
    public void Serialize_UnpairedSurrogate_FailsAsInvalidDataset()
    {
        var quad = new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal("bad \ud800 text"));

        Assert.Equal(ErrorCodes.InvalidRdfDataset, NQuadsSerializer.Serialize(quad).Error!.Code);
    }
}
