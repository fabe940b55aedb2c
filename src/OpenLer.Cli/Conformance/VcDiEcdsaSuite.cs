using OpenLer.Credentials.DataIntegrity;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// W3C vc-di-ecdsa TestVectors: ecdsa-rdfc-2019 and ecdsa-jcs-2019 with P-256 and P-384 (ECDSA signatures are randomized:
/// verified, not compared). ecdsa-sd-2023 is not implemented.
/// </summary>
internal sealed class VcDiEcdsaSuite : IConformanceSuite
{
    public string Name => "vc-di-ecdsa";

    public string Folder => "vc-di-ecdsa";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var vectors = Path.Combine(suiteDirectory, "TestVectors");
        var registry = VectorContexts.Suites(VectorContexts.RootOf(suiteDirectory));
        var rdfcSuite = registry.FindByName("ecdsa-rdfc-2019")!;
        var rdfc = DataIntegrityVectors.Rdfc(registry, "ecdsa-rdfc-2019");
        var rdfc384 = DataIntegrityVectors.Rdfc(registry, "ecdsa-rdfc-2019", sha384: true);
        var jcs = JcsCryptosuite.EcdsaJcs2019;
        DataIntegrityVectorSet[] sets =
        [
            new("ecdsa-rdfc-2019-p256", "ecdsa-rdfc-2019-p256", "ECDSAP256", "unsigned.json", "p256KeyPair.json", rdfcSuite, registry, false, rdfc, rdfc),
            new("ecdsa-rdfc-2019-p256/employ", "ecdsa-rdfc-2019-p256/employ", "ECDSAP256", "employmentAuth.json", "p256KeyPair.json", rdfcSuite, registry, false, rdfc, rdfc),
            new("ecdsa-rdfc-2019-p384", "ecdsa-rdfc-2019-p384", "ECDSAP384", "unsigned.json", "p384KeyPair.json", rdfcSuite, registry, false, rdfc384, rdfc384),
            new("ecdsa-rdfc-2019-p384/employ", "ecdsa-rdfc-2019-p384/employ", "ECDSAP384", "employmentAuth.json", "p384KeyPair.json", rdfcSuite, registry, false, rdfc384, rdfc384),
            new("ecdsa-jcs-2019-p256", "ecdsa-jcs-2019-p256", "JCSECDSAP256", "unsigned.json", "p256KeyPair.json", jcs, registry, false, DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs),
            new("ecdsa-jcs-2019-p384", "ecdsa-jcs-2019-p384", "JCSECDSAP384", "unsigned.json", "p384KeyPair.json", jcs, registry, false, DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs),
        ];
        return sets.Where(s => Directory.Exists(Path.Combine(vectors, s.Folder))).SelectMany(s => DataIntegrityVectors.Cases(vectors, s));
    }
}
