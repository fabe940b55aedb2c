namespace OpenLer.Credentials.Rdf;

/// <summary>The hash algorithm of RDFC-1.0 (§4.2 "hash algorithm": SHA-256; the test suite also exercises SHA-384).</summary>
public enum RdfcHashAlgorithm
{
    Sha256,
    Sha384,
}
