namespace OpenLer.Cli.Conformance;

/// <summary>Every suite <c>openler conformance</c> knows. Add a suite by adding its class here.</summary>
public static class ConformanceSuites
{
    public static IReadOnlyList<IConformanceSuite> All { get; } =
    [
        new JcsSuite(),
        new VcDiEddsaSuite(),
        new VcDiEcdsaSuite(),
        new DidKeySuite(),
        new RdfCanonSuite(),
        new JsonLdExpandSuite(),
        new JsonLdToRdfSuite(),
        new CredentialsSuite(),
        new SdJwtSuite(),
        new BitstringStatusListSuite(),
    ];

    public static IConformanceSuite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>--vectors may name the vectors root (../shared/vectors) or the suite's own folder.</summary>
    public static string ResolveDirectory(IConformanceSuite suite, string vectors)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var nested = Path.Combine(vectors, suite.Folder);
        return Directory.Exists(nested) ? nested : vectors;
    }
}
