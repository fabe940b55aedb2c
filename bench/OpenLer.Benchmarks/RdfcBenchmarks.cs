using BenchmarkDotNet.Attributes;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Benchmarks;

/// <summary>
/// RDFC-1.0 of an Open Badges 3.0 AchievementCredential as JSON-LD toRdf produces it (blank node labels _:b0..,
/// input order unsorted): 45 quads, 6 blank nodes with unique first-degree hashes, as in real credentials.
/// Reference: the JavaScript stack (jsonld.js + rdf-canonize) needs ~0.1 ms for RDFC-1.0 of a 39-quad OB credential
/// including N-Quads parsing. "SharedVector" is the OB 3.0 eddsa-rdfc-2022 test vector's canonical document, read at
/// run time from ../shared when present.
/// </summary>
[MemoryDiagnoser]
public class RdfcBenchmarks
{
    private const string Ob3Credential = """
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://schema.org/name> "Welding Fundamentals" .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://schema.org/description> "Awarded on completion of the \"Welding Fundamentals\" workshop,\nincluding the safety module." .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#issuer> <https://issuer.openler.example/orgs/irc-phoenix> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validFrom> "2025-03-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validUntil> "2030-03-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSubject> _:b0 .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialStatus> <https://issuer.openler.example/status/3#94567> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSchema> <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> .
        <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechJsonSchemaValidator2019> .
        <https://issuer.openler.example/status/3#94567> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/status#BitstringStatusListEntry> .
        <https://issuer.openler.example/status/3#94567> <https://www.w3.org/ns/credentials/status#statusPurpose> "revocation" .
        <https://issuer.openler.example/status/3#94567> <https://www.w3.org/ns/credentials/status#statusListIndex> "94567" .
        <https://issuer.openler.example/status/3#94567> <https://www.w3.org/ns/credentials/status#statusListCredential> <https://issuer.openler.example/status/3> .
        <https://issuer.openler.example/orgs/irc-phoenix> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile> .
        <https://issuer.openler.example/orgs/irc-phoenix> <https://schema.org/name> "International Rescue Committee – Phoenix" .
        <https://issuer.openler.example/orgs/irc-phoenix> <https://schema.org/url> "https://www.rescue.org/united-states/phoenix-az"^^<https://www.w3.org/2001/XMLSchema#anyURI> .
        <https://issuer.openler.example/orgs/irc-phoenix> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#email> "phoenix@openler.example" .
        _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject> .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <https://issuer.openler.example/achievements/welding-101> .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier> _:b1 .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#result> _:b4 .
        _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject> .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash> "sha256$28d9e5a5b1c2f7d0a9a54c6f0f1d7b0e6d1a0b6e2b4c4f8f9c1e7f3e5d2a9b01" .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityType> "emailAddress" .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#salt> "Vq3Rz0pLx9" .
        <https://issuer.openler.example/achievements/welding-101> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .
        <https://issuer.openler.example/achievements/welding-101> <https://schema.org/name> "Welding Fundamentals" .
        <https://issuer.openler.example/achievements/welding-101> <https://schema.org/description> "Safe use of MIG and stick welding equipment."@en .
        <https://issuer.openler.example/achievements/welding-101> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> "Certificate" .
        <https://issuer.openler.example/achievements/welding-101> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#criteria> _:b2 .
        <https://issuer.openler.example/achievements/welding-101> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment> _:b3 .
        <https://issuer.openler.example/achievements/welding-101> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#resultDescription> <urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c> .
        _:b2 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Completed 40 hours of supervised practice and passed the practical assessment." .
        _:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Alignment> .
        _:b3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetName> "Welders, Cutters, Solderers, and Brazers" .
        _:b3 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetUrl> "https://www.onetonline.org/link/summary/51-4121.00"^^<https://www.w3.org/2001/XMLSchema#anyURI> .
        _:b4 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Result> .
        _:b4 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#resultDescription> <urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c> .
        _:b4 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#value> "A" .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#evidence> _:b5 .
        _:b5 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Evidence> .
        _:b5 <https://schema.org/name> "Practical assessment record" .

        """;

    private string _nquads = string.Empty;
    private RdfDataset _dataset = new();

    [Params("Ob3Credential", "SharedVector")]
    public string Input { get; set; } = "Ob3Credential";

    [GlobalSetup]
    public void Setup()
    {
        _nquads = Input == "SharedVector" ? ReadSharedVector() ?? Ob3Credential : Ob3Credential;
        _dataset = NQuadsParser.Parse(_nquads).Value;
        if (!RdfCanonicalizer.Canonicalize(_dataset).IsSuccess)
        {
            throw new InvalidOperationException("benchmark input does not canonicalize");
        }
    }

    [Benchmark]
    public RdfDataset ParseNQuads() => NQuadsParser.Parse(_nquads).Value;

    [Benchmark]
    public CanonicalDataset Rdfc10Canonicalize() => RdfCanonicalizer.Canonicalize(_dataset).Value;

    [Benchmark(Baseline = true)]
    public CanonicalDataset Rdfc10ParseAndCanonicalize() => RdfCanonicalizer.Canonicalize(_nquads).Value;

    /// <summary>The OB 3.0 test vector from ../shared (never copied into the repository), or null when absent.</summary>
    private static string? ReadSharedVector()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenLer.slnx")))
        {
            dir = dir.Parent;
        }

        var shared = Environment.GetEnvironmentVariable("OPENLER_SHARED")
            ?? (dir is null ? null : Path.Combine(dir.FullName, "..", "shared"));
        var path = shared is null ? null : Path.Combine(shared, "vectors", "openbadges", "ob_v3p0", "impl", "test-vectors", "obv3p0", "document-canon.txt");
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
