using OpenLer.Credentials.Rdf;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// W3C JSON-LD 1.1 API toRdf tests (<c>tests/toRdf-manifest.jsonld</c>): positive tests compare the dataset with the
/// expected N-Quads by dataset isomorphism, as equal RDFC-1.0 canonical N-Quads; syntax tests expect no error, negative tests the named error;
/// JSON-LD 1.0-only tests are skipped.
/// </summary>
internal sealed class JsonLdToRdfSuite : IConformanceSuite
{
    public string Name => "json-ld-tordf";

    public string Folder => "json-ld-api";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var runner = new JsonLdSuiteRunner(suiteDirectory);
        foreach (var test in runner.Read("toRdf-manifest.jsonld"))
        {
            yield return new ConformanceCase(test.Id, () => Run(runner, test));
        }
    }

    private static ConformanceOutcome Run(JsonLdSuiteRunner runner, JsonLdTestEntry test)
    {
        if (JsonLdManifest.SkipReason(test) is { } reason)
        {
            return ConformanceOutcome.Skip(reason);
        }

        var result = runner.Processor.ToRdf(runner.ReadJson(test.Input), runner.Options(test), JsonLdSuiteRunner.DocumentUrl(test));
        if (test.IsNegative)
        {
            return JsonLdSuiteRunner.ExpectError(test, result);
        }

        if (!result.IsSuccess)
        {
            return ConformanceOutcome.Fail($"unexpected error {result.Error}");
        }

        if (test.IsSyntaxTest)
        {
            return ConformanceOutcome.Pass();
        }

        var expectedText = File.ReadAllText(Path.Combine(runner.TestsDirectory, test.Expect!));
        if (test.Flag("produceGeneralizedRdf"))
        {
            return RdfIsomorphism.Isomorphic(RdfIsomorphism.ParseNQuads(expectedText), result.Value.Quads)
                ? ConformanceOutcome.Pass()
                : ConformanceOutcome.Fail("generalized dataset not isomorphic to the expected one");
        }

        // Isomorphic datasets have the same RDFC-1.0 canonical N-Quads.
        var expected = RdfCanonicalizer.Canonicalize(expectedText);
        var actual = RdfCanonicalizer.Canonicalize(result.Value);
        if (!expected.IsSuccess || !actual.IsSuccess)
        {
            return ConformanceOutcome.Fail($"canonicalization failed: expected {expected.Error?.ToString() ?? "ok"}, actual {actual.Error?.ToString() ?? "ok"}");
        }

        return ConformanceOutcome.Expect(expected.Value.NQuads, actual.Value.NQuads);
    }
}
