using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// A cryptosuite (VC Data Integrity 1.0 §3): how a document and its proof configuration become the bytes that are signed
/// (transformation + proof configuration + hashing), and how the signature is encoded in proofValue.
/// </summary>
public interface ICryptosuite
{
    /// <summary>The proof "type": "DataIntegrityProof", or a legacy type such as "Ed25519Signature2020".</summary>
    string ProofType { get; }

    /// <summary>The "cryptosuite" value, or null for legacy proof types that have none.</summary>
    string? Name { get; }

    bool Supports(KeyType keyType);

    /// <summary>True when the secured proof keeps "@context" (the JCS suites do, the RDFC suites do not).</summary>
    bool ProofCarriesContext { get; }

    /// <summary>
    /// A context the signer must add to the document for this suite's proof terms to be defined, or null: the
    /// Ed25519Signature2020 context for that suite, the Data Integrity context for DataIntegrityProof on a VC 1.1
    /// document (VC 2.0's context already defines it).
    /// </summary>
    string? RequiredContext(JsonObject document);

    /// <summary>
    /// The data to sign or verify: the suite's hashing of the transformed unsecured document and of the proof configuration.
    /// <paramref name="proof"/> is the proof without proofValue. When <paramref name="verifying"/>, the proof's own
    /// "@context" (if any) is checked against and substituted for the document's, as the JCS suites require.
    /// The document's own "proof" member is ignored; for a chained proof (§2.1.3 previousProof),
    /// <paramref name="previousProofs"/> are the proofs it covers and stand in its place. The transformation observes
    /// <paramref name="cancellationToken"/> at loop granularity (a verifier's time budget) and then throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    Outcome<byte[]> CreateVerifyData(JsonObject unsecuredDocument, JsonObject proof, KeyType keyType, bool verifying, JsonArray? previousProofs = null,
        CancellationToken cancellationToken = default);
}
