using OpenLer.Credentials.Json;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// W3C JSON-LD 1.1 API expand tests (<c>tests/expand-manifest.jsonld</c>): positive tests compare the expanded
/// document with JSON-LD object comparison, negative tests expect the named error; JSON-LD 1.0-only tests are skipped.
/// </summary>
internal sealed class JsonLdExpandSuite : IConformanceSuite
{
    public string Name => "json-ld-expand";

    public string Folder => "json-ld-api";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var runner = new JsonLdSuiteRunner(suiteDirectory);
        foreach (var test in runner.Read("expand-manifest.jsonld"))
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

        var result = runner.Processor.Expand(runner.ReadJson(test.Input), runner.Options(test), JsonLdSuiteRunner.DocumentUrl(test));
        if (test.IsNegative)
        {
            return JsonLdSuiteRunner.ExpectError(test, result);
        }

        if (!result.IsSuccess)
        {
            return ConformanceOutcome.Fail($"unexpected error {result.Error}");
        }

        var expected = runner.ReadJson(test.Expect!);
        return JsonLdComparison.Equivalent(expected, result.Value)
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"expanded output differs: expected {StrictJson.Serialize(expected!)} got {StrictJson.Serialize(result.Value)}");
    }
}
