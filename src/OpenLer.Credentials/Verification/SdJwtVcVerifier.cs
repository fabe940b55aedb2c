using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Verifies an SD-JWT VC for <see cref="CredentialVerifier"/>: typ dc+sd-jwt (or vc+sd-jwt), string iss and vct, the issuer
/// key from the issuer's DID (kid DID URL) or the configured issuer keys, RFC 9901 §7 disclosure and key-binding checks with
/// the verifier's policy, no disclosure of iss/vct/cnf/status/nbf/exp, and the nbf/exp validity period.
/// </summary>
internal sealed class SdJwtVcVerifier(CredentialVerifierOptions options, JoseCredentialVerifier jose)
{
    public async Task<(List<CheckResult> Checks, VerifiedCredential? Credential)> VerifyAsync(string compact, CancellationToken cancellationToken)
    {
        var checks = new List<CheckResult>();
        var read = SdJwtVerifier.Read(compact, options.Limits);
        if (!read.IsSuccess)
        {
            checks.Add(CheckResult.FromError(CheckNames.Format, read.Error));
            return (checks, null);
        }

        var (parts, jws, payload) = read.Value;
        if (jws.Type is not (SdJwtVc.Type or SdJwtVc.LegacyType))
        {
            checks.Add(CheckResult.Fail(CheckNames.Format, ErrorCodes.InvalidTokenType, "An SD-JWT VC must have typ dc+sd-jwt (or vc+sd-jwt)."));
            return (checks, null);
        }

        var issuer = CredentialFields.Text(payload, "iss");
        if (issuer is null || CredentialFields.Text(payload, "vct") is null)
        {
            checks.Add(CheckResult.Fail(CheckNames.Format, ErrorCodes.MalformedValue, "An SD-JWT VC must have string iss and vct claims."));
            return (checks, null);
        }

        var nbf = JwtClaims.NumericDate(payload, "nbf");
        var exp = JwtClaims.NumericDate(payload, "exp");
        if (!nbf.IsSuccess || !exp.IsSuccess)
        {
            checks.Add(CheckResult.FromError(CheckNames.Format, nbf.Error ?? exp.Error!));
            return (checks, null);
        }

        checks.Add(CheckResult.Pass(CheckNames.Format, $"SD-JWT VC ({jws.Type}) with {parts.Disclosures.Count} disclosure(s)."));
        if (JwsAlgorithms.CheckHeader(jws.Algorithm) is { } algError)
        {
            checks.Add(CheckResult.FromError(CheckNames.Proof, algError));
            checks.Add(CheckResult.Unavailable(CheckNames.VerificationMethod, algError.Code, "Not checked: the algorithm is not accepted."));
            return (checks, null);
        }

        var resolved = await jose.ResolveKeyAsync(jws, issuer, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsSuccess)
        {
            checks.Add(CheckResult.Unavailable(CheckNames.Proof, resolved.Error.Code, "The signature could not be checked: " + resolved.Error.Message));
            checks.Add(CheckResult.FromError(CheckNames.VerificationMethod, resolved.Error));
            return (checks, null);
        }

        checks.Add(SdJwtVerifier.CheckSignature(jws, resolved.Value.Key));
        checks.Add(resolved.Value.Binding);
        var now = options.TimeProvider.GetUtcNow();
        var verification = SdJwtVerifier.Finish(checks, parts, jws, payload, options.KeyBinding, now, options.ClockSkew, SdJwtVc.NeverDisclosable);
        if (verification.Processed is null)
        {
            return (checks, null);
        }

        checks.Add(ValidityPeriod.Check(new JsonObject(), now, options.ClockSkew, nbf.Value, exp.Value));
        var document = verification.Processed.Claims;
        return (checks, new VerifiedCredential(CredentialFormats.SdJwtVc, issuer, "SD-JWT/" + jws.Algorithm, document));
    }
}
