using System.Text.Json.Nodes;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Rdf;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.JsonLd;

public class JsonLdProcessorTests
{
    private static readonly JsonLdProcessor Processor = new(ContextDocumentLoader.Default);

    [Fact]
    public void Expand_SampleOpenBadge_ExpandsTermsOfBothContexts()
    {
        var result = Processor.Expand(JsonNode.Parse(SampleCredentials.OpenBadge), JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var credential = result.Value.Single()!.AsObject();
        Assert.Equal("urn:uuid:4f9c2b1e-8a0d-4c3e-9b7a-2f1d6e5c8a90", (string)credential["@id"]!);
        Assert.Contains("https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential", credential["@type"]!.AsArray().Select(t => (string)t!));
        Assert.NotNull(credential["https://www.w3.org/2018/credentials#credentialSubject"]);
    }

    [Fact]
    public void ToRdf_SameCredentialInParallel_IdenticalDatasets()
    {
        static string Render(RdfDataset dataset) =>
            string.Join('\n', dataset.Quads.Select(q => $"{q.Subject} {q.Predicate} {q.Object} {q.Graph}"));

        var fresh = new JsonLdProcessor(ContextDocumentLoader.Default);
        var results = new string[16];
        Parallel.For(0, results.Length, i =>
        {
            var outcome = fresh.ToRdf(JsonNode.Parse(SampleCredentials.OpenBadge), JsonLdOptions.Credential);
            results[i] = outcome.IsSuccess ? Render(outcome.Value) : outcome.Error!.ToString();
        });

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.True(results[0].Split('\n').Length > 20);
    }

    [Theory]
    [InlineData(1.1, "1.1E0")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(0.30000000000000004, "3.0E-1")]
    [InlineData(-5.5e-7, "-5.5E-7")]
    [InlineData(123.456, "1.23456E2")]
    public void ToRdf_Double_CanonicalLexicalForm(double value, string expected) =>
        Assert.Equal(expected, XsdLexical.FormatDouble(value));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(42.0, "42")]
    [InlineData(-7.0, "-7")]
    [InlineData(123456789012345680000.0, "123456789012345683968")]
    public void ToRdf_Integer_CanonicalLexicalForm(double value, string expected) =>
        Assert.Equal(expected, XsdLexical.FormatInteger(value));

    [Fact]
    public void ToRdf_NegativeZero_IsIntegerZero() => Assert.Equal("0", XsdLexical.FormatInteger(-0.0));

    [Fact]
    public void ToRdf_JsonLiteral_UsesJcs()
    {
        var document = JsonNode.Parse("""
            {"@context": {"e": {"@id": "http://example.org/vocab#json", "@type": "@json"}}, "e": [56.0, {"d": true, "10": null, "1": []}]}
            """);

        var result = Processor.ToRdf(document, cancellationToken: TestContext.Current.CancellationToken);

        var literal = Assert.Single(result.Value.Quads).Object;
        Assert.Equal("""[56,{"1":[],"10":null,"d":true}]""", literal.Value);
        Assert.Equal("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON", literal.Datatype);
    }

    /// <summary>
    /// Real third-party credentials (../shared/vectors/credentials) whose contexts are all embedded. Safe mode must
    /// not raise false alarms on them; the only rejections are the 1EdTech "simple-err-*-type" fixtures (named after
    /// their invalid, undefined types) and two documents whose types really are undefined by their contexts.
    /// </summary>
    [Fact]
    public void ToRdf_RealCredentialsWithKnownContexts_OnlyUndefinedTypesAreDataLoss()
    {
        string[] undefinedTypes = ["1edtech-validator-fixtures/ob30/complete_v1.json", "dcc-vc-test-fixtures/dids/oidf/did.json"];
        var folder = SharedFolder.VectorsOrSkip("credentials");
        var known = ContextDocumentLoader.Default.KnownUrls.ToHashSet();
        var accepted = 0;
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject document || document["@context"] is not JsonArray contexts
                || !contexts.All(c => c is JsonValue v && v.TryGetValue<string>(out var url) && known.Contains(url)))
            {
                continue;
            }

            document.Remove("proof");
            var result = Processor.ToRdf(document, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
            var name = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var shouldFail = (name.Contains("/simple-err-", StringComparison.Ordinal) && name.EndsWith("-type.json", StringComparison.Ordinal))
                || undefinedTypes.Contains(name);
            if (shouldFail && (result.IsSuccess || JsonLdProcessor.ErrorName(result.Error) != "relative @type reference"))
            {
                problems.Add($"{name}: expected an undefined type, got {result.Error?.ToString() ?? "success"}");
            }
            else if (!shouldFail && !result.IsSuccess)
            {
                problems.Add($"{name}: {result.Error}");
            }
            else if (!shouldFail)
            {
                accepted++;
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(accepted > 20, $"only {accepted} credentials accepted");
    }
}
