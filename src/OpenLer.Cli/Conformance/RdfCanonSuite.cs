using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite, ../shared/vectors/rdf-canon/tests/manifest.jsonld
/// (see its PROVENANCE.md and tests/README.md): evaluation tests compare the canonical N-Quads byte for byte, map tests
/// compare the issued identifiers map with the expected JSON object, the negative test must be refused by the
/// Hash N-Degree Quads work bound. Every case runs with the default <see cref="RdfcOptions"/> (only the hash
/// algorithm follows the manifest), so the suite also shows that the default work bound admits every positive test.
/// </summary>
internal sealed class RdfCanonSuite : IConformanceSuite
{
    public string Name => "rdf-canon";

    public string Folder => "rdf-canon";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var tests = Path.Combine(suiteDirectory, "tests");
        var root = Directory.Exists(tests) ? tests : suiteDirectory;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "manifest.jsonld")))!.AsObject();
        foreach (var entry in manifest["entries"]!.AsArray())
        {
            var id = ((string)entry!["id"]!).TrimStart('#');
            var type = (string)entry["type"]!;
            var action = Path.Combine(root, (string)entry["action"]!);
            var result = entry["result"] is { } r ? Path.Combine(root, (string)r!) : null;
            var options = (string?)entry["hashAlgorithm"] switch
            {
                null or "SHA256" => RdfcOptions.Default,
                "SHA384" => RdfcOptions.Default with { HashAlgorithm = RdfcHashAlgorithm.Sha384 },
                var other => throw new InvalidDataException($"{id}: unknown hashAlgorithm {other}"),
            };

            Func<ConformanceOutcome> run = type switch
            {
                "rdfc:RDFC10EvalTest" => () => RunEval(action, result!, options),
                "rdfc:RDFC10MapTest" => () => RunMap(action, result!, options),
                "rdfc:RDFC10NegativeEvalTest" => () => RunNegative(action, options),
                _ => () => ConformanceOutcome.Fail($"unknown test type {type}"),
            };
            yield return new ConformanceCase(id, run);
        }
    }

    private static ConformanceOutcome RunEval(string action, string result, RdfcOptions options)
    {
        var canonical = RdfCanonicalizer.Canonicalize(ReadUtf8(action), options);
        if (!canonical.IsSuccess)
        {
            return ConformanceOutcome.Fail($"refused: {canonical.Error}");
        }

        var expected = File.ReadAllBytes(result);
        return canonical.Value.Utf8NQuads.Span.SequenceEqual(expected)
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Expect(Encoding.UTF8.GetString(expected), canonical.Value.NQuads);
    }

    private static ConformanceOutcome RunMap(string action, string result, RdfcOptions options)
    {
        var canonical = RdfCanonicalizer.Canonicalize(ReadUtf8(action), options);
        if (!canonical.IsSuccess)
        {
            return ConformanceOutcome.Fail($"refused: {canonical.Error}");
        }

        var expected = JsonNode.Parse(File.ReadAllText(result))!.AsObject();
        var actual = canonical.Value.IssuedIdentifiers;
        if (expected.Count != actual.Count)
        {
            return ConformanceOutcome.Fail($"expected {expected.Count} issued identifiers, got {actual.Count}");
        }

        foreach (var (label, value) in expected)
        {
            if (!actual.TryGetValue(label, out var issued) || issued != (string?)value)
            {
                return ConformanceOutcome.Fail($"{label}: expected {value}, got {(issued ?? "nothing")}");
            }
        }

        return ConformanceOutcome.Pass();
    }

    private static ConformanceOutcome RunNegative(string action, RdfcOptions options)
    {
        var canonical = RdfCanonicalizer.Canonicalize(ReadUtf8(action), options);
        if (canonical.IsSuccess)
        {
            return ConformanceOutcome.Fail($"poison graph was canonicalized ({canonical.Value.WorkUnits} work units) instead of refused");
        }

        return canonical.Error.Code == ErrorCodes.RdfcWorkLimitExceeded
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"refused with {canonical.Error.Code}, expected {ErrorCodes.RdfcWorkLimitExceeded}");
    }

    private static string ReadUtf8(string path) => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
}
