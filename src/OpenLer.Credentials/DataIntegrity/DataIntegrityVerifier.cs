using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// Verifies the Data Integrity proofs of a document (VC Data Integrity 1.0 §4.3 Verify Proof, §4.4 proof sets): every proof
/// must verify; each proof's verification method must be dereferenceable, controlled by the expected controller (the
/// issuer) and authorized for the proof purpose (§4.5 "Retrieve Verification Method", Controlled Identifiers §3.3).
/// </summary>
public sealed class DataIntegrityVerifier(CryptosuiteRegistry suites, IVerificationMethodResolver methods, TimeProvider timeProvider)
{
    /// <summary>Documents with more proofs than this are refused (a proof set of 2–3 is normal).</summary>
    public const int MaxProofs = 8;

    public DataIntegrityVerifier(IDidResolver didResolver)
        : this(CryptosuiteRegistry.Jcs, new DidVerificationMethodResolver(didResolver), TimeProvider.System)
    {
    }

    public async Task<ProofVerification> VerifyAsync(JsonObject securedDocument, ProofExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(expectations);
        var proofs = securedDocument["proof"] switch
        {
            JsonObject single => [single],
            JsonArray array => array.Select(p => p as JsonObject).ToArray(),
            _ => Array.Empty<JsonObject?>(),
        };
        if (proofs.Length == 0)
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof, "The document has no proof."), null);
        }

        if (proofs.Length > MaxProofs || Array.Exists(proofs, p => p is null))
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof, "The document's proof is malformed."), null);
        }

        ProofVerification? last = null;
        foreach (var proof in proofs)
        {
            // §4.5 proof chains: a proof with previousProof also covers the proofs it names.
            var previous = PreviousProofs(proof!, proofs);
            if (!previous.IsSuccess)
            {
                return Both(CheckResult.FromError(CheckNames.Proof, previous.Error), null);
            }

            last = await VerifyOneAsync(securedDocument, proof!, previous.Value, expectations, cancellationToken).ConfigureAwait(false);
            if (!last.Verified)
            {
                return last; // CP-11: one bad proof in a set means not verified
            }
        }

        return last!;
    }

    private static Outcome<JsonArray?> PreviousProofs(JsonObject proof, JsonObject?[] all)
    {
        var ids = proof["previousProof"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var id) => [id],
            JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) => a.Select(x => (string)x!).ToArray(),
            _ => Array.Empty<string>(),
        };
        if (ids is null)
        {
            return Outcome.Ok<JsonArray?>(null);
        }

        var matching = new JsonArray();
        foreach (var id in ids)
        {
            var found = Array.Find(all, p => p is not null && p != proof && Text(p, "id") == id);
            if (found is null)
            {
                return Outcome.Error(ErrorCodes.MalformedProof, "A previousProof names a proof that is not in the document.");
            }

            matching.Add(found.DeepClone());
        }

        return matching.Count == 0
            ? Outcome.Error(ErrorCodes.MalformedProof, "The previousProof value is malformed.")
            : Outcome.Ok<JsonArray?>(matching);
    }

    private async Task<ProofVerification> VerifyOneAsync(JsonObject document, JsonObject proof, JsonArray? previousProofs, ProofExpectations expectations, CancellationToken cancellationToken)
    {
        var type = Text(proof, "type");
        var suite = suites.Find(proof);
        var proofType = suite is null ? type : suite.Name is null ? suite.ProofType : $"{suite.ProofType}/{suite.Name}";
        if (suite is null)
        {
            var name = Text(proof, "cryptosuite");
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.UnsupportedCryptosuite,
                $"Unsupported proof type '{Display(type)}'{(name is null ? string.Empty : $" with cryptosuite '{Display(name)}'")}."), proofType);
        }

        // §2.1: required proof properties.
        var vmUrl = Text(proof, "verificationMethod");
        var purpose = Text(proof, "proofPurpose");
        var proofValue = Text(proof, "proofValue");
        if (vmUrl is null || purpose is null || proofValue is null)
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof,
                "The proof lacks verificationMethod, proofPurpose or proofValue."), proofType);
        }

        var now = timeProvider.GetUtcNow();
        if (proof["created"] is not null)
        {
            if (!XsdDateTime.TryParse(Text(proof, "created"), out var created))
            {
                return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof, "The proof's created is not a valid date-time."), proofType);
            }

            if (created > now + expectations.ClockSkew)
            {
                return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.InvalidProofDatetime, "The proof was created in the future."), proofType);
            }
        }

        if (proof["expires"] is not null)
        {
            if (!XsdDateTime.TryParse(Text(proof, "expires"), out var expires))
            {
                return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof, "The proof's expires is not a valid date-time."), proofType);
            }

            if (expires <= now)
            {
                return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofExpired, "The proof has expired."), proofType);
            }
        }

        // §4.3 step 4–6: purpose, domain and challenge are the verifier's, fixed before reading the proof.
        if (purpose != expectations.ProofPurpose)
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MismatchedProofPurpose,
                $"The proof purpose is '{Display(purpose)}', expected '{expectations.ProofPurpose}'."), proofType);
        }

        if (expectations.Domain is not null && !Matches(proof["domain"], expectations.Domain))
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.InvalidDomain, "The proof's domain does not match."), proofType);
        }

        if (expectations.Challenge is not null && Text(proof, "challenge") != expectations.Challenge)
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.InvalidChallenge, "The proof's challenge does not match."), proofType);
        }

        var signature = Multibase.Decode(proofValue);
        if (!signature.IsSuccess || proofValue[0] != 'z')
        {
            return Both(CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof, "The proofValue is not base58btc multibase."), proofType);
        }

        // A method in another DID's document can never be the issuer's (Controlled Identifiers §3.3): refuse it before
        // resolving, so a proof cannot make the verifier fetch an attacker's did:web document (SECURITY.md CP-05, PV-02).
        // did:key and did:jwk resolve offline, so their signature is still checked for the report.
        if (ForeignNetworkMethod(vmUrl, expectations.ExpectedController))
        {
            return new ProofVerification(
                CheckResult.Unavailable(CheckNames.Proof, ErrorCodes.VerificationMethodNotControlledByIssuer,
                    "The signature was not checked: the proof names a key of another DID than the issuer."),
                CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.VerificationMethodNotControlledByIssuer,
                    "The signing key does not belong to the issuer."),
                proofType);
        }

        // §4.5 Retrieve Verification Method.
        var resolved = await methods.ResolveAsync(vmUrl, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            // A document that could not be retrieved is "could not check"; one that was read and is wrong is "failed".
            var vmFailure = resolved.Error.Code is ErrorCodes.RemoteDocumentFetch or ErrorCodes.DidResolution
                ? CheckResult.Unavailable(CheckNames.VerificationMethod, resolved.Error.Code, resolved.Error.Message)
                : CheckResult.Fail(CheckNames.VerificationMethod, resolved.Error.Code, resolved.Error.Message);
            var couldNot = CheckResult.Unavailable(CheckNames.Proof, resolved.Error.Code, "The signature could not be checked: " + resolved.Error.Message);
            return new ProofVerification(couldNot, vmFailure, proofType);
        }

        var method = resolved.Value.Method;
        var key = method.Key;
        if (key is null || !suite.Supports(key.Type))
        {
            var message = key is null
                ? "The verification method's key type is not supported."
                : $"{proofType} cannot be verified with a {key.Type} key.";
            return new ProofVerification(
                CheckResult.Unavailable(CheckNames.Proof, ErrorCodes.InvalidVerificationMethod, message),
                CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.InvalidVerificationMethod, message),
                proofType);
        }

        if (signature.Value.Length != key.Type.SignatureLength())
        {
            return new ProofVerification(
                CheckResult.Fail(CheckNames.Proof, ErrorCodes.MalformedProof,
                    $"The proofValue is {signature.Value.Length} bytes; a {key.Type} signature is {key.Type.SignatureLength()} (truncated?)."),
                CheckBinding(resolved.Value, expectations),
                proofType);
        }

        // The signature is checked whatever the key binding says, so a report can say "signed, but not by the issuer".
        var proofCheck = VerifySignature(suite, document, proof, previousProofs, key, signature.Value, cancellationToken);
        var vmCheck = CheckBinding(resolved.Value, expectations);
        return new ProofVerification(proofCheck, vmCheck, proofType);
    }

    private static CheckResult VerifySignature(ICryptosuite suite, JsonObject document, JsonObject proof, JsonArray? previousProofs, Keys.PublicKey key, byte[] signature,
        CancellationToken cancellationToken)
    {
        var verifyData = suite.CreateVerifyData(document, proof, key.Type, verifying: true, previousProofs, cancellationToken);
        if (!verifyData.IsSuccess)
        {
            return CheckResult.FromError(CheckNames.Proof, verifyData.Error);
        }

        return key.Verify(verifyData.Value, signature)
            ? CheckResult.Pass(CheckNames.Proof, "The signature is valid.")
            : CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofVerification, "The signature does not match the document: it was changed after signing, or signed with another key.");
    }

    private static CheckResult CheckBinding(ResolvedVerificationMethod resolved, ProofExpectations expectations)
    {
        var relationship = VerificationRelationships.FromProofPurpose(expectations.ProofPurpose);
        return relationship is null
            ? CheckResult.Fail(CheckNames.VerificationMethod, ErrorCodes.MismatchedProofPurpose, "Unknown proof purpose.")
            : VerificationMethodBinding.Check(resolved, expectations.ExpectedController, relationship.Value);
    }

    /// <summary>A DID URL of a method that needs the network (did:web, ...) whose DID is not the expected controller's.</summary>
    private static bool ForeignNetworkMethod(string vmUrl, string? expectedController)
    {
        if (expectedController is null || !DidUrl.IsDid(expectedController) || DidUrl.DidOf(vmUrl) is not { } did || did == expectedController)
        {
            return false;
        }

        return DidUrl.MethodOf(did) is not ("key" or "jwk");
    }

    private static ProofVerification Both(CheckResult proof, string? proofType) =>
        new(proof, CheckResult.Unavailable(CheckNames.VerificationMethod, proof.Code ?? ErrorCodes.MalformedProof, "Not checked: the proof is unusable."), proofType);

    private static bool Matches(JsonNode? domain, string expected) => domain switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s == expected,
        JsonArray a => a.Any(d => d is JsonValue dv && dv.TryGetValue<string>(out var ds) && ds == expected),
        _ => false,
    };

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Untrusted text shown in a message: bounded and without control characters.</summary>
    internal static string Display(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var s = value.Length > 80 ? value[..80] + "…" : value;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                span[i] = char.IsControl(src[i]) ? '?' : src[i];
            }
        });
    }
}
