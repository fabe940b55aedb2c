using OpenLer.Credentials.JsonLd;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>The cryptosuite sets OpenLER uses.</summary>
public static class Cryptosuites
{
    private static readonly Lazy<CryptosuiteRegistry> DefaultRegistry = new(() => All(new JsonLdProcessor(ContextDocumentLoader.Default)));

    /// <summary>
    /// Every suite, with the RDF suites on a JSON-LD processor over the embedded contexts only: eddsa-rdfc-2022,
    /// ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-jcs-2022, ecdsa-jcs-2019. Shared: contexts are processed once.
    /// </summary>
    public static CryptosuiteRegistry Default => DefaultRegistry.Value;

    /// <summary>Every suite, the RDF ones using <paramref name="processor"/> (e.g. one with operator-pinned contexts).</summary>
    public static CryptosuiteRegistry All(JsonLdProcessor processor) => new(
    [
        RdfcCryptosuite.EddsaRdfc2022(processor),
        RdfcCryptosuite.EcdsaRdfc2019(processor),
        RdfcCryptosuite.Ed25519Signature2020(processor),
        JcsCryptosuite.EddsaJcs2022,
        JcsCryptosuite.EcdsaJcs2019,
    ]);
}
