using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.SdJwt;

/// <summary>The result of verifying an SD-JWT: the checks, and the processed claims when the disclosures were valid.</summary>
public sealed record SdJwtVerification(IReadOnlyList<CheckResult> Checks, ProcessedSdJwt? Processed, JsonObject? IssuerPayload, CompactJws? IssuerJws)
{
    /// <summary>True when the signature, the disclosures and (if present or required) the key binding all passed.</summary>
    public bool Verified => Processed is not null && Checks.All(c => !c.Required || c.Status == CheckStatus.Passed);

    public CheckResult? FirstProblem => Checks.FirstOrDefault(c => c.Required && c.Status != CheckStatus.Passed);

    /// <summary>The checks only: logging the object never leaks claims or the token.</summary>
    public override string ToString() => string.Join("; ", Checks.Select(c => $"{c.Name}: {c.Status} {c.Code}"));
}

/// <summary>
/// Verifies a plain SD-JWT (RFC 9901 §7.1–7.3) against a known issuer key, including its nbf/exp validity. SD-JWT VCs go through
/// the credential verifier, which also resolves the issuer's key from its DID and applies the SD-JWT VC rules.
/// </summary>
public static class SdJwtVerifier
{
    /// <summary>Verifies with <paramref name="issuerKey"/>; the key-binding policy is the caller's, fixed in advance.</summary>
    public static SdJwtVerification Verify(string compact, PublicKey issuerKey, KeyBindingRequirement? keyBinding, DateTimeOffset now,
        TimeSpan? clockSkew = null, JsonLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(issuerKey);
        var read = Read(compact, limits ?? JsonLimits.Default);
        if (!read.IsSuccess)
        {
            return new SdJwtVerification([CheckResult.FromError(CheckNames.Format, read.Error)], null, null, null);
        }

        var (parts, jws, payload) = read.Value;
        var nbf = JwtClaims.NumericDate(payload, "nbf");
        var exp = JwtClaims.NumericDate(payload, "exp");
        if (!nbf.IsSuccess || !exp.IsSuccess)
        {
            return new SdJwtVerification([CheckResult.FromError(CheckNames.Format, nbf.Error ?? exp.Error!)], null, payload, jws);
        }

        var skew = clockSkew ?? TimeSpan.FromMinutes(5);
        var checks = new List<CheckResult> { CheckResult.Pass(CheckNames.Format, "SD-JWT.") };
        checks.Add(CheckSignature(jws, issuerKey));
        checks.Add(ValidityPeriod.Check(new JsonObject(), now, skew, nbf.Value, exp.Value));
        return Finish(checks, parts, jws, payload, keyBinding, now, skew, []);
    }

    /// <summary>Splits the compact form and parses the Issuer-signed JWT (nothing verified yet).</summary>
    internal static Outcome<(SdJwtCompact Parts, CompactJws Jws, JsonObject Payload)> Read(string compact, JsonLimits limits)
    {
        var parts = SdJwtCompact.Parse(compact.Trim(), limits.MaxBytes);
        if (!parts.IsSuccess)
        {
            return parts.Error;
        }

        var jws = CompactJws.Parse(parts.Value.IssuerJwt, limits.MaxBytes);
        if (!jws.IsSuccess)
        {
            return jws.Error;
        }

        var payload = StrictJson.ParseObject(jws.Value.Payload, limits);
        if (!payload.IsSuccess)
        {
            return Outcome.Error(payload.Error.Code, "The SD-JWT payload: " + payload.Error.Message);
        }

        return (parts.Value, jws.Value, payload.Value);
    }

    /// <summary>The issuer signature: allowed algorithm (never <c>none</c>), matching the key, valid.</summary>
    internal static CheckResult CheckSignature(CompactJws jws, PublicKey key)
    {
        if (JwsAlgorithms.CheckHeader(jws.Algorithm) is { } algError)
        {
            return CheckResult.FromError(CheckNames.Proof, algError);
        }

        if (JwsAlgorithms.CheckKey(jws.Algorithm!, key) is { } mismatch)
        {
            return CheckResult.FromError(CheckNames.Proof, mismatch);
        }

        return key.Verify(jws.SigningInput, jws.Signature)
            ? CheckResult.Pass(CheckNames.Proof, $"The {jws.Algorithm} signature of the SD-JWT is valid.")
            : CheckResult.Fail(CheckNames.Proof, ErrorCodes.ProofVerification, "The SD-JWT signature does not match.");
    }

    /// <summary>Processes the disclosures (§7.1), refuses disclosures of <paramref name="neverDisclosable"/> top-level claims, checks key binding (§7.3).</summary>
    internal static SdJwtVerification Finish(List<CheckResult> checks, SdJwtCompact parts, CompactJws jws, JsonObject payload,
        KeyBindingRequirement? keyBinding, DateTimeOffset now, TimeSpan clockSkew, IReadOnlyCollection<string> neverDisclosable)
    {
        var processed = SdJwtProcessor.Process(payload, parts.Disclosures);
        if (!processed.IsSuccess)
        {
            checks.Add(CheckResult.FromError(CheckNames.Disclosures, processed.Error));
            return new SdJwtVerification(checks, null, payload, jws);
        }

        var forbidden = processed.Value.Disclosed.FirstOrDefault(d => !d.Path.Contains('.', StringComparison.Ordinal) && neverDisclosable.Contains(d.Path));
        if (forbidden is not null)
        {
            checks.Add(CheckResult.Fail(CheckNames.Disclosures, ErrorCodes.NotDisclosableClaim,
                $"The claim '{forbidden.Path}' must not be selectively disclosable."));
            return new SdJwtVerification(checks, null, payload, jws);
        }

        checks.Add(CheckResult.Pass(CheckNames.Disclosures, $"{processed.Value.Disclosed.Count} disclosure(s), all referenced and well-formed."));
        checks.Add(KeyBinding.Check(parts, payload, processed.Value.Algorithm, keyBinding, now, clockSkew));
        return new SdJwtVerification(checks, processed.Value, payload, jws);
    }
}
