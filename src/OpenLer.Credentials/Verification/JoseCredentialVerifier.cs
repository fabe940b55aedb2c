using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Verifies credentials secured as compact JWS: VC-JOSE-COSE (typ vc+jwt, payload = credential) and VC 1.1 JWT
/// (typ JWT, credential in the "vc" claim) as Open Badges 3.0 issuers produce them. Keys come only from the issuer's DID
/// document (or configured issuer keys), never from jwk/jku/x5u/x5c headers alone (RFC 8725 §3, ASVS 9.1.3).
/// </summary>
internal sealed class JoseCredentialVerifier(CredentialVerifierOptions options)
{
    public async Task<(List<CheckResult> Checks, VerifiedCredential? Credential)> VerifyAsync(string compact, CancellationToken cancellationToken)
    {
        var checks = new List<CheckResult>();
        var parsed = CompactJws.Parse(compact, options.Limits.MaxBytes);
        if (!parsed.IsSuccess)
        {
            checks.Add(CheckResult.FromError(CheckNames.Format, parsed.Error));
            return (checks, null);
        }

        var jws = parsed.Value;
        var payload = StrictJson.ParseObject(jws.Payload, options.Limits);
        if (!payload.IsSuccess)
        {
            checks.Add(CheckResult.Fail(CheckNames.Format, payload.Error.Code, "The token's payload: " + payload.Error.Message));
            return (checks, null);
        }

        // Explicit typing (RFC 8725 §3.11, CP-15): only credential token types are accepted here.
        var read = ReadCredential(jws, payload.Value);
        if (!read.IsSuccess)
        {
            checks.Add(CheckResult.FromError(CheckNames.Format, read.Error));
            return (checks, null);
        }

        var (format, credential, issuer, notBefore, expires) = read.Value;
        var verified = new VerifiedCredential(format, issuer, "JWS/" + (jws.Algorithm ?? "?"), credential);
        checks.Add(CheckResult.Pass(CheckNames.Format, format == CredentialFormats.VcJose ? "VC-JOSE (application/vc+jwt)." : "VC-JWT (VC 1.1 JWT)."));

        var algError = JwsAlgorithms.CheckHeader(jws.Algorithm);
        if (algError is not null)
        {
            checks.Add(CheckResult.FromError(CheckNames.Proof, algError));
            checks.Add(CheckResult.Unavailable(CheckNames.VerificationMethod, algError.Code, "Not checked: the algorithm is not accepted."));
            return (checks, verified);
        }

        var resolved = await ResolveKeyAsync(jws, issuer, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            checks.Add(CheckResult.Unavailable(CheckNames.Proof, resolved.Error.Code, "The signature could not be checked: " + resolved.Error.Message));
            checks.Add(CheckResult.FromError(CheckNames.VerificationMethod, resolved.Error));
            return (checks, verified);
        }

        var (key, binding) = resolved.Value;
        var mismatch = JwsAlgorithms.CheckKey(jws.Algorithm!, key);
        checks.Add(mismatch is not null
            ? CheckResult.FromError(CheckNames.Proof, mismatch)
            : key.Verify(jws.SigningInput, jws.Signature)
                ? CheckResult.Pass(CheckNames.Proof, $"The {jws.Algorithm} signature is valid.")
                : CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofVerification, "The signature does not match: the token was changed after signing, or signed with another key."));
        checks.Add(binding);

        var now = options.TimeProvider.GetUtcNow();
        checks.Add(ValidityPeriod.Check(credential, now, options.ClockSkew, notBefore, expires));
        return (checks, verified);
    }

    private static Outcome<(string Format, JsonObject Credential, string Issuer, DateTimeOffset? Nbf, DateTimeOffset? Exp)> ReadCredential(CompactJws jws, JsonObject payload)
    {
        var typ = jws.Type;
        var nbf = JwtClaims.NumericDate(payload, "nbf");
        var exp = JwtClaims.NumericDate(payload, "exp");
        if (!nbf.IsSuccess)
        {
            return nbf.Error;
        }

        if (!exp.IsSuccess)
        {
            return exp.Error;
        }

        if (typ is "vc+jwt" or "application/vc+jwt")
        {
            // VC-JOSE-COSE §3.1.1: the payload is the credential itself.
            if (!CredentialFields.Types(payload).Contains("VerifiableCredential"))
            {
                return Outcome.Error(ErrorCodes.InvalidTokenType, "A vc+jwt payload must be a VerifiableCredential.");
            }

            var issuer = CredentialFields.IssuerId(payload);
            if (issuer is null)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "The credential has no issuer.");
            }

            // VC 2.0 "Restrictions on JSON-LD": application/vc is compacted JSON-LD (SECURITY.md LD-08).
            if (CompactedForm.Check(payload) is { } notCompacted)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, notCompacted);
            }

            // CP-13: JWT claims, where present, must agree with the credential.
            if (CredentialFields.Text(payload, "iss") is { } iss && iss != issuer)
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's iss is not the credential's issuer.");
            }

            if (CredentialFields.Text(payload, "sub") is { } sub && CredentialFields.SubjectId(payload) is { } subject && sub != subject)
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's sub is not the credential subject.");
            }

            return (CredentialFormats.VcJose, payload, issuer, nbf.Value, exp.Value);
        }

        if (typ is null or "JWT" && payload["vc"] is JsonObject vc)
        {
            // VC Data Model 1.1 §6.3.1: iss is the issuer, sub the subject, jti the id, nbf/exp the validity.
            var iss = CredentialFields.Text(payload, "iss");
            if (iss is null)
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "A VC-JWT must have an iss claim.");
            }

            var credential = (JsonObject)vc.DeepClone();
            if (!CredentialFields.Types(credential).Contains("VerifiableCredential"))
            {
                return Outcome.Error(ErrorCodes.InvalidTokenType, "The vc claim must be a VerifiableCredential.");
            }

            if (CredentialFields.IssuerId(credential) is { } vcIssuer && vcIssuer != iss)
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's iss is not the credential's issuer.");
            }

            if (CredentialFields.Text(payload, "sub") is { } sub && CredentialFields.SubjectId(credential) is { } subject && sub != subject)
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's sub is not the credential subject.");
            }

            if (CredentialFields.Text(payload, "jti") is { } jti && CredentialFields.Text(credential, "id") is { } id && jti != id)
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's jti is not the credential id.");
            }

            // VC Data Model 1.1 §6.3.1: nbf represents issuanceDate and exp expirationDate (not VC 2.0's validFrom/validUntil).
            if (!SameInstant(nbf.Value, credential, "issuanceDate") || !SameInstant(exp.Value, credential, "expirationDate"))
            {
                return Outcome.Error(ErrorCodes.ClaimMismatch, "The token's nbf/exp disagree with the credential's issuanceDate/expirationDate.");
            }

            credential["issuer"] ??= iss;
            if (nbf.Value is { } notBefore && credential["issuanceDate"] is null && credential["validFrom"] is null)
            {
                credential["issuanceDate"] = XsdDateTime.Format(notBefore);
            }

            if (exp.Value is { } expires && credential["expirationDate"] is null && credential["validUntil"] is null)
            {
                credential["expirationDate"] = XsdDateTime.Format(expires);
            }

            if (CredentialFields.Text(payload, "jti") is { } tokenId)
            {
                credential["id"] ??= tokenId;
            }

            return (CredentialFormats.VcJwt, credential, iss, nbf.Value, exp.Value);
        }

        return Outcome.Error(ErrorCodes.InvalidTokenType,
            $"Token type '{(typ is null ? "(none)" : typ.Length > 40 ? typ[..40] : typ)}' is not a credential.");
    }

    private static bool SameInstant(DateTimeOffset? claim, JsonObject credential, string name)
    {
        if (claim is null)
        {
            return true;
        }

        var text = CredentialFields.Text(credential, name);
        return text is null || (XsdDateTime.TryParse(text, out var date) && Math.Abs((date - claim.Value).TotalSeconds) < 1);
    }

    internal async Task<Outcome<(PublicKey Key, CheckResult Binding)>> ResolveKeyAsync(CompactJws jws, string issuer, CancellationToken cancellationToken)
    {
        PublicKey? headerJwk = null;
        if (jws.Header["jwk"] is JsonObject jwk)
        {
            var parsed = PublicKey.FromJwk(jwk);
            if (!parsed.IsSuccess)
            {
                return Outcome.Error(ErrorCodes.UntrustedKeySource, "The jwk header is not a usable public key.");
            }

            headerJwk = parsed.Value;
        }

        var issuerIsDid = DidUrl.IsDid(issuer);
        if (!issuerIsDid)
        {
            // A non-DID issuer: only keys the operator configured for it.
            if (options.IssuerKeys.TryGetValue(issuer, out var configured))
            {
                var match = configured.FirstOrDefault(k => k.JwsAlgorithm == jws.Algorithm && (headerJwk is null || k.Equals(headerJwk)));
                if (match is not null)
                {
                    return (match, CheckResult.Pass(CheckNames.VerificationMethod, "The key is configured for this issuer."));
                }
            }

            return Outcome.Error(ErrorCodes.UntrustedKeySource, "The issuer is not a DID and no key is configured for it.");
        }

        ResolvedVerificationMethod resolved;
        if (jws.KeyId is { } kid)
        {
            var vmUrl = kid.StartsWith('#') ? issuer + kid : kid;
            if (DidUrl.DidOf(vmUrl) != issuer)
            {
                return Outcome.Error(ErrorCodes.UntrustedKeySource, "The kid does not name a key of the issuer's DID.");
            }

            var result = await options.VerificationMethods.ResolveAsync(vmUrl, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            resolved = result.Value;
        }
        else
        {
            var document = await options.DidResolver.ResolveAsync(issuer, cancellationToken).ConfigureAwait(false);
            if (!document.IsSuccess)
            {
                return document.Error;
            }

            var candidates = document.Value.MethodsFor(VerificationRelationship.AssertionMethod).Where(m => m.Key is not null).ToList();
            var chosen = headerJwk is not null
                ? candidates.FirstOrDefault(m => m.Key!.Equals(headerJwk))
                : candidates.Count == 1 ? candidates[0] : null;
            if (chosen is null)
            {
                return Outcome.Error(ErrorCodes.UntrustedKeySource, headerJwk is not null
                    ? "The jwk header is not one of the issuer's keys."
                    : "The token has no kid and the issuer has several keys.");
            }

            resolved = new ResolvedVerificationMethod(chosen, document.Value.Id, new HashSet<VerificationRelationship> { VerificationRelationship.AssertionMethod });
        }

        if (resolved.Method.Key is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "The issuer's verification method has no usable key.");
        }

        // CP-04: a jwk header is at most a hint; it must be the key the issuer's DID document gives.
        if (headerJwk is not null && !headerJwk.Equals(resolved.Method.Key))
        {
            return Outcome.Error(ErrorCodes.UntrustedKeySource, "The jwk header is not the issuer's key named by kid.");
        }

        return (resolved.Method.Key, VerificationMethodBinding.Check(resolved, issuer, VerificationRelationship.AssertionMethod));
    }
}
