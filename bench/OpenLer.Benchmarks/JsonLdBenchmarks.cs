using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.Tests.JsonLd;

namespace OpenLer.Benchmarks;

/// <summary>
/// JSON-LD expansion and toRdf of a typical ~2 KB Open Badges 3.0 credential (VC 2.0 + OB 3.0.3 contexts) in safe
/// mode, with contexts already processed and cached, as in a running verifier. The JavaScript stack (jsonld.js) needs
/// about 2.3 ms for expansion + toRdf of such a credential.
/// dotnet run -c Release --project bench/OpenLer.Benchmarks -- --filter '*JsonLd*'
/// </summary>
[MemoryDiagnoser]
public class JsonLdBenchmarks
{
    private readonly JsonLdProcessor _processor = new(ContextDocumentLoader.Default);
    private readonly byte[] _utf8 = System.Text.Encoding.UTF8.GetBytes(SampleCredentials.OpenBadge);
    private JsonNode _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = JsonNode.Parse(SampleCredentials.OpenBadge)!;
        var warm = _processor.ToRdf(_document, JsonLdOptions.Credential);
        if (!warm.IsSuccess)
        {
            throw new InvalidOperationException(warm.Error.ToString());
        }
    }

    /// <summary>Expansion to the internal representation (what toRdf consumes).</summary>
    [Benchmark]
    public int Expand() => _processor.ExpandInternal(_document, JsonLdOptions.Credential).Value;

    /// <summary>The public expand(): expansion plus conversion of the result to a JsonArray.</summary>
    [Benchmark]
    public int ExpandToJson() => _processor.Expand(_document, JsonLdOptions.Credential).Value.Count;

    /// <summary>Expansion, node map generation and deserialization to an RDF dataset.</summary>
    [Benchmark(Baseline = true)]
    public int ExpandAndToRdf() => _processor.ToRdf(_document, JsonLdOptions.Credential).Value.Count;

    /// <summary>Strict JSON parsing of the 2 KB text, then toRdf: the whole JSON-LD part of a verification.</summary>
    [Benchmark]
    public int ParseAndToRdf() => _processor.ToRdf(StrictJson.Parse(_utf8).Value, JsonLdOptions.Credential).Value.Count;

    /// <summary>First use of the contexts: a fresh processor processes VC 2.0 and OB 3.0.3 before the credential.</summary>
    [Benchmark]
    public int ToRdfWithColdContextCache() =>
        new JsonLdProcessor(ContextDocumentLoader.Default).ToRdf(_document, JsonLdOptions.Credential).Value.Count;
}
