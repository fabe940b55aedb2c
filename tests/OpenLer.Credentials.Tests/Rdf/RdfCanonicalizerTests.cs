using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.Tests.Rdf;

public class RdfCanonicalizerTests
{
    private static RdfDataset Parse(string nquads) => NQuadsParser.Parse(nquads).Value;

    private static Outcome<CanonicalDataset> Canon(string nquads, RdfcOptions? options = null) =>
        RdfCanonicalizer.Canonicalize(nquads, options, TestContext.Current.CancellationToken);

    private static Outcome<CanonicalDataset> Canon(RdfDataset dataset, RdfcOptions? options = null) =>
        RdfCanonicalizer.Canonicalize(dataset, options, TestContext.Current.CancellationToken);

    [Fact]
    public void Canonicalize_NoBlankNodes_SortsAndKeepsTerms()
    {
        var result = Canon("<urn:b> <urn:p> \"2\" .\n<urn:a> <urn:p> \"1\"@en <urn:g> .\n").Value;

        Assert.Equal("<urn:a> <urn:p> \"1\"@en <urn:g> .\n<urn:b> <urn:p> \"2\" .\n", result.NQuads);
        Assert.Empty(result.IssuedIdentifiers);
        Assert.Equal(0, result.WorkUnits);
        Assert.Equal(["<urn:a> <urn:p> \"1\"@en <urn:g> .\n", "<urn:b> <urn:p> \"2\" .\n"], result.Lines);
        Assert.Equal(Encoding.UTF8.GetBytes(result.NQuads), result.Utf8NQuads.ToArray());
    }

    [Fact]
    public void Canonicalize_BlankNodes_AreRelabeledByFirstDegreeHashOrder()
    {
        // Each blank node has a unique first-degree hash (RDFC-1.0 §4.6): c14n0 goes to the smaller hash.
        var result = Canon("_:first <urn:p> \"x\" .\n_:second <urn:p> \"y\" .\n").Value;

        var hashX = Sha256Hex("_:a <urn:p> \"x\" .\n");
        var hashY = Sha256Hex("_:a <urn:p> \"y\" .\n");
        var (lowLabel, highLabel) = string.CompareOrdinal(hashX, hashY) < 0 ? ("first", "second") : ("second", "first");
        Assert.Equal("c14n0", result.IssuedIdentifiers[lowLabel]);
        Assert.Equal("c14n1", result.IssuedIdentifiers[highLabel]);
        Assert.Contains($"_:{result.IssuedIdentifiers["first"]} <urn:p> \"x\" .\n", result.NQuads, StringComparison.Ordinal);
        Assert.DoesNotContain("_:first", result.NQuads, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_IsInvariantUnderRelabelingAndReordering()
    {
        // Two interlocked cycles with equal first-degree hashes force Hash N-Degree Quads (§4.8).
        const string original = """
            _:a <urn:next> _:b .
            _:b <urn:next> _:c .
            _:c <urn:next> _:a .
            _:d <urn:next> _:e .
            _:e <urn:next> _:d .
            _:a <urn:knows> _:d _:g .
            _:g <urn:label> "graph" .
            <urn:x> <urn:has> _:c .

            """;
        var expected = Canon(original).Value;
        Assert.True(expected.WorkUnits > 0);

        var random = new Random(20250301);
        for (var round = 0; round < 20; round++)
        {
            var names = new[] { "a", "b", "c", "d", "e", "g" };
            var renamed = names.OrderBy(_ => random.Next()).Select((n, i) => (n, $"n{i}x{round}")).ToDictionary();
            var lines = original.Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(_ => random.Next())
                .Select(line => string.Concat(line.Split(' ').Select(t => t.StartsWith("_:", StringComparison.Ordinal) ? "_:" + renamed[t[2..]] : t).Select((t, i) => i == 0 ? t : " " + t)));
            var shuffled = Canon(string.Join('\n', lines) + "\n").Value;

            Assert.Equal(expected.NQuads, shuffled.NQuads);
            Assert.Equal(names.Length, shuffled.IssuedIdentifiers.Count);
        }
    }

    [Fact]
    public void Canonicalize_DuplicateQuads_AreCountedOnce()
    {
        var dataset = Parse("_:x <urn:p> \"v\" .\n_:x <urn:p> \"v\" .\n<urn:s> <urn:q> _:x .\n<urn:s> <urn:q> _:x .\n");

        var result = Canon(dataset).Value;

        Assert.Equal(2, result.Count);
        Assert.Equal("<urn:s> <urn:q> _:c14n0 .\n_:c14n0 <urn:p> \"v\" .\n", result.NQuads);
    }

    [Fact]
    public void Canonicalize_Sha384_OrdersBySha384Hashes()
    {
        // Find two literals whose first-degree hashes order differently under SHA-256 and SHA-384, then check that
        // each option issues c14n0 to the blank node with the smaller hash of its own algorithm.
        for (var i = 0; i < 50; i++)
        {
            string v1 = $"v{i}", v2 = $"w{i}";
            string line1 = $"_:a <urn:p> \"{v1}\" .\n", line2 = $"_:a <urn:p> \"{v2}\" .\n";
            var sha256First = string.CompareOrdinal(Sha256Hex(line1), Sha256Hex(line2)) < 0;
            var sha384First = string.CompareOrdinal(Sha384Hex(line1), Sha384Hex(line2)) < 0;
            if (sha256First == sha384First)
            {
                continue;
            }

            var input = $"_:one <urn:p> \"{v1}\" .\n_:two <urn:p> \"{v2}\" .\n";
            var with256 = Canon(input).Value;
            var with384 = Canon(input, RdfcOptions.Default with { HashAlgorithm = RdfcHashAlgorithm.Sha384 }).Value;

            Assert.Equal(sha256First ? "c14n0" : "c14n1", with256.IssuedIdentifiers["one"]);
            Assert.Equal(sha384First ? "c14n0" : "c14n1", with384.IssuedIdentifiers["one"]);
            Assert.NotEqual(with256.NQuads, with384.NQuads);
            return;
        }

        Assert.Fail("no pair of literals with different SHA-256 and SHA-384 orderings found");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public void Canonicalize_BlankNodeClique_IsRefusedByWorkBound(int size)
    {
        // The idea of rdf-canon test074 ("poison – Clique Graph"): every blank node linked to every other.
        var clique = new StringBuilder();
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                clique.Append(CultureInfo.InvariantCulture, $"_:e{i} <http://example.com/p> _:e{j} .\n");
            }
        }

        var result = Canon(clique.ToString());

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.RdfcWorkLimitExceeded, result.Error.Code);
    }

    [Fact]
    public void Canonicalize_LongChainOfLookalikeBlankNodes_IsRefusedWithoutExhaustingTheStack()
    {
        var chain = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            chain.Append(CultureInfo.InvariantCulture, $"_:n{i} <urn:next> _:n{i + 1} .\n");
        }

        var result = Canon(chain.ToString());

        Assert.Equal(ErrorCodes.RdfcWorkLimitExceeded, result.Error!.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Canonicalize_TwinStars_CanonicalizeOnlyWhenCentersDiffer(bool distinctCenters)
    {
        // Two look-alike centers with 2,000 look-alike leaves each: every permutation copies a large issuer, which the
        // work bound charges for. With distinguishable centers every leaf is settled by its center's canonical label.
        var stars = new StringBuilder();
        for (var c = 0; c < 2; c++)
        {
            if (distinctCenters)
            {
                stars.Append(CultureInfo.InvariantCulture, $"_:c{c} <urn:name> \"{c}\" .\n");
            }

            for (var i = 0; i < 2_000; i++)
            {
                stars.Append(CultureInfo.InvariantCulture, $"_:c{c} <urn:p> _:l{c}x{i} .\n");
            }
        }

        var result = Canon(stars.ToString());

        if (distinctCenters)
        {
            Assert.Equal(4_002, result.Value.IssuedIdentifiers.Count);
        }
        else
        {
            Assert.Equal(ErrorCodes.RdfcWorkLimitExceeded, result.Error!.Code);
        }
    }

    [Fact]
    public void Canonicalize_WorkBound_IsConfigurable()
    {
        const string triangle = "_:a <urn:p> _:b .\n_:b <urn:p> _:c .\n_:c <urn:p> _:a .\n";
        var tight = RdfcOptions.Default with { WorkFactor = 1, MinWork = 5, MaxWork = 5 };

        Assert.True(Canon(triangle).IsSuccess);
        Assert.Equal(ErrorCodes.RdfcWorkLimitExceeded, Canon(triangle, tight).Error!.Code);
    }

    [Fact]
    public void Canonicalize_CancelledDuringDeepHashing_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            RdfCanonicalizer.Canonicalize("_:a <urn:p> _:b .\n_:b <urn:p> _:a .\n", null, cancellation.Token));
    }

    [Fact]
    public void Canonicalize_MoreQuadsThanAllowed_IsRefused()
    {
        var dataset = Parse("<urn:s> <urn:p> \"1\" .\n<urn:s> <urn:p> \"2\" .\n<urn:s> <urn:p> \"3\" .\n");

        var result = Canon(dataset, RdfcOptions.Default with { MaxQuads = 2 });

        Assert.Equal(ErrorCodes.RdfDatasetTooLarge, result.Error!.Code);
    }

    public static TheoryData<string, Quad> InvalidQuads() => new()
    {
        { "blank predicate", new Quad(RdfTerm.Iri("urn:s"), RdfTerm.BlankNode("p"), RdfTerm.Iri("urn:o")) },
        { "literal subject", new Quad(RdfTerm.Literal("s"), RdfTerm.Iri("urn:p"), RdfTerm.Iri("urn:o")) },
        { "literal graph", new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Iri("urn:o"), RdfTerm.Literal("g")) },
        { "default quad", default },
        { "unpaired surrogate", new Quad(RdfTerm.Iri("urn:s"), RdfTerm.Iri("urn:p"), RdfTerm.Literal("\udc00")) },
    };

    [Theory]
    [MemberData(nameof(InvalidQuads))]
    public void Canonicalize_InvalidQuad_IsRefused(string why, Quad quad)
    {
        var result = Canon(new RdfDataset([quad]));

        Assert.False(result.IsSuccess, why);
        Assert.Equal(ErrorCodes.InvalidRdfDataset, result.Error.Code);
    }

    [Fact]
    public void Canonicalize_MalformedNQuads_ReturnsSyntaxError() =>
        Assert.Equal(ErrorCodes.NQuadsSyntax, Canon("_:a <urn:p> .\n").Error!.Code);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Sha384Hex(string text) => Convert.ToHexStringLower(SHA384.HashData(Encoding.UTF8.GetBytes(text)));
}
