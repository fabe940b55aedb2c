using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// Verifies a <c>jwt</c> key proof (OpenID4VCI 1.0 §F.1 and §F.4; draft 13 §7.2.1.1 is the same): typ
/// <c>openid4vci-proof+jwt</c>; an allowed asymmetric <c>alg</c> that matches the key; the key from a did:key / did:jwk
/// <c>kid</c> or from a public <c>jwk</c> header (never both, never private members, no <c>x5c</c>); signature; <c>aud</c> the
/// issuer; <c>iat</c> within the window; <c>nonce</c> a c_nonce the issuer handed out. Every refusal is <c>invalid_proof</c>,
/// except a nonce the issuer does not know (any more), which is <c>invalid_nonce</c> (§8.3.1.2).
/// </summary>
public sealed class KeyProofValidator(TimeProvider timeProvider)
{
    public const string ProofType = "openid4vci-proof+jwt";

    /// <summary>A proof's header is a few hundred bytes; a larger one is refused before it is decoded.</summary>
    public const int MaxHeaderLength = 4096;

    private static readonly JsonLimits PayloadLimits = new() { MaxBytes = 4096, MaxDepth = 4 };
    private static readonly DidKey DidKeys = new();
    private static readonly string[] PrivateJwkMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public Outcome<HolderKeyProof> Validate(string jwt, KeyProofExpectations expectations)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(expectations);
        if (jwt.Length > CredentialRequest.MaxProofLength)
        {
            return Invalid($"The key proof is longer than {CredentialRequest.MaxProofLength} characters.");
        }

        var dot = jwt.IndexOf('.', StringComparison.Ordinal);
        if (dot > MaxHeaderLength)
        {
            return Invalid("The key proof header is too large.");
        }

        var parsed = CompactJws.Parse(jwt, CredentialRequest.MaxProofLength);
        if (!parsed.IsSuccess)
        {
            return Invalid("The key proof is not a compact JWS: " + parsed.Error.Message);
        }

        var jws = parsed.Value;
        if (jws.Type != ProofType)
        {
            return Invalid($"The key proof's typ must be {ProofType}.");
        }

        var alg = jws.Algorithm;
        if (alg is null || !JwsAlgorithms.IsAllowed(alg) || !expectations.Algorithms.Contains(alg, StringComparer.Ordinal))
        {
            return Invalid($"The key proof's alg must be one of {string.Join(", ", expectations.Algorithms)} (never none).");
        }

        var key = HolderKey(jws, expectations);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var (publicKey, did) = key.Value;
        if (JwsAlgorithms.CheckKey(alg, publicKey) is not null)
        {
            return Invalid($"The key proof says {alg} but the key is {publicKey.Type}.");
        }

        if (!publicKey.Verify(jws.SigningInput, jws.Signature))
        {
            return Invalid("The key proof's signature does not verify with the key it names.");
        }

        var payload = StrictJson.ParseObject(jws.Payload, PayloadLimits);
        if (!payload.IsSuccess)
        {
            return Invalid("The key proof payload is not a JSON object within the limits.");
        }

        var claims = payload.Value;
        if (!AudienceMatches(claims["aud"], expectations.Audience))
        {
            return Invalid("The key proof's aud is not this credential issuer.");
        }

        if (claims["iat"] is not JsonValue iatValue || !iatValue.TryGetValue<double>(out var iatSeconds) || iatSeconds is < 0 or > 253402300799)
        {
            return Invalid("The key proof has no valid iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)iatSeconds);
        var now = timeProvider.GetUtcNow();
        if (issuedAt > now + expectations.ClockSkew)
        {
            return Invalid("The key proof was issued in the future.");
        }

        if (now - issuedAt > expectations.MaxAge + expectations.ClockSkew)
        {
            return Invalid("The key proof is too old (iat).");
        }

        if (CredentialFields.Text(claims, "nonce") is not { Length: > 0 } nonce)
        {
            return Invalid("The key proof has no nonce: get one from the nonce endpoint.");
        }

        if (nonce.Length > 512 || !expectations.IsActiveNonce(nonce))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidNonce, "The key proof's nonce is not one this issuer handed out, or it expired: get a fresh c_nonce.");
        }

        return new HolderKeyProof(publicKey, did, nonce, issuedAt);
    }

    private static Outcome<(PublicKey Key, string Did)> HolderKey(CompactJws jws, KeyProofExpectations expectations)
    {
        var header = jws.Header;
        var hasKid = header.ContainsKey("kid");
        var hasJwk = header.ContainsKey("jwk");
        if (header.ContainsKey("x5c") || header.ContainsKey("trust_chain") || header.ContainsKey("key_attestation") || header.ContainsKey("jku") || header.ContainsKey("x5u"))
        {
            return Invalid("Only kid (did:key, did:jwk) and jwk key proofs are supported.");
        }

        if (hasKid == hasJwk)
        {
            return Invalid("A key proof names its key with exactly one of kid and jwk.");
        }

        if (hasJwk)
        {
            if (header["jwk"] is not JsonObject jwk)
            {
                return Invalid("The jwk header is not an object.");
            }

            if (Array.Exists(PrivateJwkMembers, jwk.ContainsKey))
            {
                return Invalid("The jwk header contains private key material.");
            }

            if (!expectations.BindingMethods.Any(m => m is "jwk" or "did:jwk"))
            {
                return Invalid("This credential is bound to a DID: name the key with kid.");
            }

            var key = PublicKey.FromJwk(jwk);
            return key.IsSuccess ? (key.Value, DidJwk.For(key.Value)) : Invalid("The jwk header is not a supported public key: " + key.Error.Message);
        }

        var kid = jws.KeyId;
        var did = DidUrl.DidOf(kid);
        if (kid is null || did is null)
        {
            return Invalid("The kid must be a DID URL (did:key or did:jwk).");
        }

        var method = "did:" + DidUrl.MethodOf(did);
        if (method is not ("did:key" or "did:jwk") || !expectations.BindingMethods.Contains(method, StringComparer.Ordinal))
        {
            return Invalid($"Key proofs with {(method.Length > 24 ? method[..24] : method)} are not accepted here.");
        }

        var document = method == "did:key" ? DidKeys.Resolve(did) : DidJwk.Resolve(did);
        if (!document.IsSuccess)
        {
            return Invalid("The kid's DID does not resolve: " + document.Error.Message);
        }

        var vm = kid.Contains('#', StringComparison.Ordinal)
            ? document.Value.Find(kid)
            : document.Value.VerificationMethods.Length == 1 ? document.Value.VerificationMethods[0] : null;
        if (vm?.Key is null || !document.Value.Authorizes(vm.Id, VerificationRelationship.Authentication))
        {
            return Invalid("The kid does not name a signing key of its DID.");
        }

        return (vm.Key, did);
    }

    private static bool AudienceMatches(JsonNode? aud, string expected) => aud switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s == expected,
        JsonArray { Count: 1 } a when a[0] is JsonValue v && v.TryGetValue<string>(out var s) => s == expected,
        _ => false,
    };

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidProof, message);
}
