namespace OpenLer.Cli.Conformance;

/// <summary>W3C vc-di-eddsa TestVectors: eddsa-jcs-2022 (and, once the RDF suites are registered, eddsa-rdfc-2022).</summary>
internal sealed class VcDiEddsaSuite : IConformanceSuite
{
    public string Name => "vc-di-eddsa";

    public string Folder => "vc-di-eddsa";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var vectors = Path.Combine(suiteDirectory, "TestVectors");
        return DataIntegrityVectors.Cases(vectors, new DataIntegrityVectorSet(
            "eddsa-jcs-2022", "eddsa-jcs-2022", "JCS", "unsigned.json", "keyPair.json",
            Credentials.DataIntegrity.JcsCryptosuite.EddsaJcs2022, DeterministicSignature: true,
            DataIntegrityVectors.Jcs, DataIntegrityVectors.Jcs));
    }
}
