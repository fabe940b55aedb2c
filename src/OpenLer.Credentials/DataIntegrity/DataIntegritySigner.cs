using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>Adds a Data Integrity proof to a document (VC Data Integrity 1.0 §4.2 Add Proof).</summary>
public sealed class DataIntegritySigner(CryptosuiteRegistry suites, TimeProvider timeProvider)
{
    public DataIntegritySigner()
        : this(Cryptosuites.Default, TimeProvider.System)
    {
    }

    /// <summary>
    /// Returns a copy of <paramref name="unsecuredDocument"/> with a proof. A document that already has proofs gets one more
    /// (a proof set, §2.1.2); each proof covers the document without its proofs.
    /// </summary>
    public Outcome<JsonObject> Sign(JsonObject unsecuredDocument, KeyPair key, ProofOptions options)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);

        var suite = suites.FindByName(options.Cryptosuite);
        if (suite is null)
        {
            return Outcome.Error(ErrorCodes.ProofGeneration, $"Unsupported cryptosuite '{options.Cryptosuite}'.");
        }

        if (!suite.Supports(key.Type))
        {
            return Outcome.Error(ErrorCodes.ProofGeneration, $"{options.Cryptosuite} cannot sign with a {key.Type} key.");
        }

        // The suite's own context, when the document lacks it (jsonld-signatures' "add suite context").
        if (suite.RequiredContext(unsecuredDocument) is { } required && !RdfcCryptosuite.HasContext(unsecuredDocument, required))
        {
            unsecuredDocument = (JsonObject)unsecuredDocument.DeepClone();
            unsecuredDocument["@context"] = unsecuredDocument["@context"] switch
            {
                JsonArray contexts => new JsonArray([.. contexts.Select(c => c?.DeepClone()), JsonValue.Create(required)]),
                null => JsonValue.Create(required),
                var single => new JsonArray(single.DeepClone(), JsonValue.Create(required)),
            };
        }

        var proof = NewProof(suite, options, options.Created ?? timeProvider.GetUtcNow());
        JsonArray? previousProofs = null;
        if (options.PreviousProof is { Count: > 0 } previousIds)
        {
            var existing = unsecuredDocument["proof"] switch
            {
                JsonObject one => [one],
                JsonArray set => set.OfType<JsonObject>().ToArray(),
                _ => Array.Empty<JsonObject>(),
            };
            previousProofs = [];
            foreach (var id in previousIds)
            {
                var found = Array.Find(existing, p => (string?)p["id"] == id);
                if (found is null)
                {
                    return Outcome.Error(ErrorCodes.ProofGeneration, $"previousProof '{id}' is not a proof of the document.");
                }

                previousProofs.Add(found.DeepClone());
            }

            proof["previousProof"] = previousIds.Count == 1 ? previousIds[0] : new JsonArray([.. previousIds.Select(i => (JsonNode)i)]);
        }

        if (suite.ProofCarriesContext && unsecuredDocument["@context"] is { } context)
        {
            proof["@context"] = context.DeepClone();
        }

        var verifyData = suite.CreateVerifyData(unsecuredDocument, proof, key.Type, verifying: false, previousProofs);
        if (!verifyData.IsSuccess)
        {
            // Keep the precise code (DATA_LOSS_DETECTION_ERROR, UNKNOWN_CONTEXT_ERROR...): it says what to fix.
            return Outcome.Error(verifyData.Error.Code, "The proof could not be created: " + verifyData.Error.Message);
        }

        proof["proofValue"] = Multibase.EncodeBase58Btc(key.Sign(verifyData.Value));

        var secured = (JsonObject)unsecuredDocument.DeepClone();
        switch (secured["proof"])
        {
            case null:
                secured["proof"] = proof;
                break;
            case JsonArray set:
                set.Add(proof);
                break;
            case JsonObject single:
                secured["proof"] = new JsonArray(single.DeepClone(), proof);
                break;
            default:
                return Outcome.Error(ErrorCodes.ProofGeneration, "The document's existing \"proof\" is malformed.");
        }

        return secured;
    }

    /// <summary>
    /// The proof's members before previousProof and proofValue, in the order the signer writes them (type, cryptosuite,
    /// id, created, expires, verificationMethod, proofPurpose, challenge, domain); <see cref="SigningTemplate"/> uses the same.
    /// </summary>
    internal static JsonObject NewProof(ICryptosuite suite, ProofOptions options, DateTimeOffset created)
    {
        var proof = new JsonObject { ["type"] = suite.ProofType };
        if (suite.Name is not null)
        {
            proof["cryptosuite"] = suite.Name;
        }

        if (options.Id is not null)
        {
            proof["id"] = options.Id;
        }

        proof["created"] = XsdDateTime.Format(created);
        if (options.Expires is { } expires)
        {
            proof["expires"] = XsdDateTime.Format(expires);
        }

        proof["verificationMethod"] = options.VerificationMethod;
        proof["proofPurpose"] = options.ProofPurpose;
        if (options.Challenge is not null)
        {
            proof["challenge"] = options.Challenge;
        }

        if (options.Domain is not null)
        {
            proof["domain"] = options.Domain;
        }

        return proof;
    }
}
