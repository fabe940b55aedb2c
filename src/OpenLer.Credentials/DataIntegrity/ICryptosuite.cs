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
    /// The data to sign or verify: the suite's hashing of the transformed unsecured document and of the proof configuration.
    /// <paramref name="proof"/> is the proof without proofValue. When <paramref name="verifying"/>, the proof's own
    /// "@context" (if any) is checked against and substituted for the document's, as the JCS suites require.
    /// </summary>
    Outcome<byte[]> CreateVerifyData(JsonObject unsecuredDocument, JsonObject proof, KeyType keyType, bool verifying);
}
