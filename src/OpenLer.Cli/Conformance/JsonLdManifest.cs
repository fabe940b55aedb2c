using System.Text.Json.Nodes;

namespace OpenLer.Cli.Conformance;

/// <summary>Reads a JSON-LD API test manifest (<c>expand-manifest.jsonld</c>, <c>toRdf-manifest.jsonld</c>).</summary>
internal static class JsonLdManifest
{
    /// <summary>The IRI the suite's files are published under; the loader maps it to the local folder.</summary>
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    public static IEnumerable<JsonLdTestEntry> Read(string testsDirectory, string manifestFile)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(testsDirectory, manifestFile)))!.AsObject();
        foreach (var test in manifest["sequence"]!.AsArray())
        {
            var types = test!["@type"] is JsonArray array
                ? array.Select(t => (string)t!).ToList()
                : [(string)test["@type"]!];
            yield return new JsonLdTestEntry(
                ((string)test["@id"]!).TrimStart('#'),
                types,
                (string?)test["name"] ?? string.Empty,
                (string)test["input"]!,
                (string?)test["expect"],
                (string?)test["expectErrorCode"],
                test["option"] as JsonObject ?? []);
        }
    }

    /// <summary>Why a test is not run, or null: JSON-LD 1.0-only tests are outside the JSON-LD 1.1 target.</summary>
    public static string? SkipReason(JsonLdTestEntry test) =>
        test.Option("specVersion") == "json-ld-1.0"
            ? "specVersion json-ld-1.0: tests JSON-LD 1.0 behaviour that JSON-LD 1.1 changed"
            : null;
}
