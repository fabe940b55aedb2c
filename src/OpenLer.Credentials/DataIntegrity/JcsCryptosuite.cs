using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// eddsa-jcs-2022 (VC DI EdDSA 1.0 §3.3) and ecdsa-jcs-2019 (VC DI ECDSA 1.0 §3.4): the document and the proof
/// configuration are canonicalized with JCS (RFC 8785), hashed (SHA-256; SHA-384 for P-384), and the signature is over
/// hash(proofConfig) ‖ hash(document). The proof configuration carries the document's "@context".
/// </summary>
public sealed class JcsCryptosuite : ICryptosuite
{
    public static JcsCryptosuite EddsaJcs2022 { get; } = new("eddsa-jcs-2022", KeyType.Ed25519);

    public static JcsCryptosuite EcdsaJcs2019 { get; } = new("ecdsa-jcs-2019", KeyType.P256, KeyType.P384);

    private readonly KeyType[] _keyTypes;

    private JcsCryptosuite(string name, params KeyType[] keyTypes)
    {
        Name = name;
        _keyTypes = keyTypes;
    }

    public string ProofType => "DataIntegrityProof";

    public string Name { get; }

    public bool ProofCarriesContext => true;

    public bool Supports(KeyType keyType) => Array.IndexOf(_keyTypes, keyType) >= 0;

    /// <summary>JCS hashes JSON, not RDF: no context is needed for the proof to be secured.</summary>
    public string? RequiredContext(JsonObject document) => null;

    public Outcome<byte[]> CreateVerifyData(JsonObject unsecuredDocument, JsonObject proof, KeyType keyType, bool verifying, JsonArray? previousProofs = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(proof);

        // JCS is one linear pass over a document already within the JSON limits: the budget is checked once, before it.
        cancellationToken.ThrowIfCancellationRequested();
        var documentContext = unsecuredDocument["@context"];
        var context = documentContext;
        if (verifying && proof["@context"] is { } proofContext)
        {
            // §3.3.2 Verify Proof step 5: the document's @context must start with the proof's, in order.
            if (!StartsWith(documentContext, proofContext))
            {
                return Outcome.Error(ErrorCodes.ProofVerification, "The document's @context does not start with the proof's @context.");
            }

            context = proofContext;
        }

        // The document is hashed without "proof" (or, for a chained proof, with only the proofs it covers), with its
        // @context replaced by the proof's when verifying.
        var proofMember = previousProofs is null ? MemberOverride.Without("proof") : MemberOverride.With("proof", previousProofs);
        var canonicalDocument = context is null
            ? JsonCanonicalizer.CanonicalizeObject(unsecuredDocument, proofMember)
            : JsonCanonicalizer.CanonicalizeObject(unsecuredDocument, proofMember, MemberOverride.With("@context", context));

        // §3.3.5 Proof Configuration: proofConfig.@context = unsecuredDocument.@context; no proofValue.
        var canonicalProof = context is null
            ? JsonCanonicalizer.CanonicalizeObject(proof, MemberOverride.Without("proofValue"))
            : JsonCanonicalizer.CanonicalizeObject(proof, MemberOverride.Without("proofValue"), MemberOverride.With("@context", context));

        // §3.3.4 Hashing: hash(canonicalProofConfig) ‖ hash(transformedDocument).
        var size = keyType == KeyType.P384 ? 48 : 32;
        var hashData = new byte[2 * size];
        if (size == 48)
        {
            SHA384.HashData(canonicalProof, hashData.AsSpan(0, size));
            SHA384.HashData(canonicalDocument, hashData.AsSpan(size));
        }
        else
        {
            SHA256.HashData(canonicalProof, hashData.AsSpan(0, size));
            SHA256.HashData(canonicalDocument, hashData.AsSpan(size));
        }

        return hashData;
    }

    private static bool StartsWith(JsonNode? documentContext, JsonNode proofContext)
    {
        var proofItems = proofContext is JsonArray pa ? pa.ToArray() : [proofContext];
        var docItems = documentContext is JsonArray da ? da.ToArray() : documentContext is null ? [] : [documentContext];
        if (proofItems.Length > docItems.Length)
        {
            return false;
        }

        for (var i = 0; i < proofItems.Length; i++)
        {
            if (!JsonNode.DeepEquals(proofItems[i], docItems[i]))
            {
                return false;
            }
        }

        return true;
    }
}
