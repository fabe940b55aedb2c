using OpenLer.Credentials.Rdf;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// W3C JSON-LD 1.1 API toRdf tests (<c>tests/toRdf-manifest.jsonld</c>): positive tests compare the dataset with the
/// expected N-Quads by RDF dataset isomorphism, syntax tests expect no error, negative tests the named error;
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

        var expected = RdfIsomorphism.ParseNQuads(File.ReadAllText(Path.Combine(runner.TestsDirectory, test.Expect!)));
        return RdfIsomorphism.Isomorphic(expected, result.Value.Quads)
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"dataset not isomorphic: expected\n{Show(expected)}\ngot\n{Show(result.Value.Quads)}");
    }

    private static string Show(IEnumerable<Quad> quads) =>
        string.Join('\n', quads.Select(q => $"{q.Subject} {q.Predicate} {q.Object}{(q.Graph.IsDefaultGraph ? string.Empty : " " + q.Graph)} ."));
}
