using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Cli.Conformance;

/// <summary>What the JSON-LD expand and toRdf suites share: the processor, the local loader and the test options.</summary>
internal sealed class JsonLdSuiteRunner
{
    private readonly string _tests;
    private readonly JsonLdTestLoader _loader;
    private readonly JsonLdProcessor _processor;

    public JsonLdSuiteRunner(string suiteDirectory)
    {
        _tests = Directory.Exists(Path.Combine(suiteDirectory, "tests")) ? Path.Combine(suiteDirectory, "tests") : suiteDirectory;
        _loader = new JsonLdTestLoader(_tests);
        _processor = new JsonLdProcessor(_loader);
    }

    public JsonLdProcessor Processor => _processor;

    public string TestsDirectory => _tests;

    public IEnumerable<JsonLdTestEntry> Read(string manifestFile) => JsonLdManifest.Read(_tests, manifestFile);

    public static string DocumentUrl(JsonLdTestEntry test) => JsonLdManifest.BaseIri + test.Input;

    public JsonNode? ReadJson(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_tests, relativePath)), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });

    /// <summary>The options a test entry asks for (JSON-LD API test README "option").</summary>
    public JsonLdOptions Options(JsonLdTestEntry test)
    {
        var expandContext = test.Option("expandContext");
        return new JsonLdOptions
        {
            Base = test.Option("base"),
            ExpandContext = expandContext is null ? null : ReadJson(expandContext),
            ProcessingMode = test.Option("processingMode") == "json-ld-1.0" ? JsonLdProcessingMode.JsonLd10 : JsonLdProcessingMode.JsonLd11,
            ProduceGeneralizedRdf = test.Flag("produceGeneralizedRdf"),
            RdfDirection = test.Option("rdfDirection") switch
            {
                "i18n-datatype" => RdfDirection.I18nDatatype,
                "compound-literal" => RdfDirection.CompoundLiteral,
                _ => RdfDirection.None,
            },
        };
    }

    /// <summary>A negative test passes when processing fails with the expected JSON-LD error name.</summary>
    public static ConformanceOutcome ExpectError<T>(JsonLdTestEntry test, Outcome<T> outcome)
    {
        if (outcome.IsSuccess)
        {
            return ConformanceOutcome.Fail($"expected error '{test.ExpectErrorCode}', processing succeeded");
        }

        var name = JsonLdProcessor.ErrorName(outcome.Error);
        return name == test.ExpectErrorCode
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"expected error '{test.ExpectErrorCode}', got {outcome.Error}");
    }
}
