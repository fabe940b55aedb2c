namespace OpenLer.Cli.Conformance;

/// <summary>W3C vc-di-ecdsa TestVectors: ecdsa-jcs-2019 with P-256 and P-384 (ECDSA signatures are randomized: verified, not compared).</summary>
internal sealed class VcDiEcdsaSuite : IConformanceSuite
{
    public string Name => "vc-di-ecdsa";

    public string Folder => "vc-di-ecdsa";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var vectors = Path.Combine(suiteDirectory, "TestVectors");
        var suite = Credentials.DataIntegrity.JcsCryptosuite.EcdsaJcs2019;
        return DataIntegrityVectors.Cases(vectors, new DataIntegrityVectorSet(
                "ecdsa-jcs-2019-p256", "ecdsa-jcs-2019-p256", "JCSECDSAP256", "unsigned.json", "p256KeyPair.json",
                suite, DeterministicSignature: false, DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs))
            .Concat(DataIntegrityVectors.Cases(vectors, new DataIntegrityVectorSet(
                "ecdsa-jcs-2019-p384", "ecdsa-jcs-2019-p384", "JCSECDSAP384", "unsigned.json", "p384KeyPair.json",
                suite, DeterministicSignature: false, DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs)));
    }
}
