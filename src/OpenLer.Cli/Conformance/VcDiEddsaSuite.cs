using OpenLer.Credentials.DataIntegrity;

namespace OpenLer.Cli.Conformance;

/// <summary>W3C vc-di-eddsa TestVectors: eddsa-rdfc-2022 (alumni and employment credentials), eddsa-jcs-2022, Ed25519Signature2020.</summary>
internal sealed class VcDiEddsaSuite : IConformanceSuite
{
    public string Name => "vc-di-eddsa";

    public string Folder => "vc-di-eddsa";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var vectors = Path.Combine(suiteDirectory, "TestVectors");
        var registry = VectorContexts.Suites(VectorContexts.RootOf(suiteDirectory));
        var rdfc = DataIntegrityVectors.Rdfc(registry, "eddsa-rdfc-2022");
        var legacy = DataIntegrityVectors.Rdfc(registry, "Ed25519Signature2020");
        DataIntegrityVectorSet[] sets =
        [
            new("eddsa-rdfc-2022", "eddsa-rdfc-2022", "DataInt", "unsigned.json", "keyPair.json",
                registry.FindByName("eddsa-rdfc-2022")!, registry, DeterministicSignature: true, rdfc, rdfc),
            new("eddsa-rdfc-2022/employ", "eddsa-rdfc-2022/employ", "DataInt", "employmentAuth.json", "keyPair.json",
                registry.FindByName("eddsa-rdfc-2022")!, registry, DeterministicSignature: true, rdfc, rdfc),
            new("eddsa-jcs-2022", "eddsa-jcs-2022", "JCS", "unsigned.json", "keyPair.json",
                JcsCryptosuite.EddsaJcs2022, registry, DeterministicSignature: true, DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs),
            new("Ed25519Signature2020", "Ed25519Signature2020", "EdSig", "unsigned.json", "keyPair.json",
                registry.FindByName("Ed25519Signature2020")!, registry, DeterministicSignature: true, legacy, legacy),
        ];
        var chains = Path.Combine(vectors, "proof-set-chain");
        return sets.Where(s => Directory.Exists(Path.Combine(vectors, s.Folder))).SelectMany(s => DataIntegrityVectors.Cases(vectors, s))
            .Concat(Directory.Exists(chains) ? ProofSetChainVectors.Cases(chains, registry) : []);
    }
}
