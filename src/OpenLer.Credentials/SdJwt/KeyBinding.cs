using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.SdJwt;

/// <summary>
/// The verifier's key-binding policy (RFC 9901 §7.3), fixed before the presentation is read. When <see cref="Required"/>,
/// a presentation without a valid KB-JWT fails, and so does a policy without <see cref="Nonce"/> and <see cref="Audience"/>
/// (a check without them would accept a presentation replayed from another verifier: sd-jwt-js #314, SECURITY.md SD-10);
/// both must be stated, and when set they must match.
/// </summary>
public sealed record KeyBindingRequirement
{
    public bool Required { get; init; } = true;

    /// <summary>The nonce the verifier gave the holder (required when <see cref="Required"/>).</summary>
    public required string? Nonce { get; init; }

    /// <summary>The verifier's own identifier, expected in <c>aud</c> (required when <see cref="Required"/>).</summary>
    public required string? Audience { get; init; }

    /// <summary>A KB-JWT older than this (by its <c>iat</c>) is stale.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>Creates and checks Key Binding JWTs (RFC 9901 §4.3, §7.3).</summary>
public static class KeyBinding
{
    /// <summary>Signs a KB-JWT over <paramref name="presentation"/> (the SD-JWT without KB-JWT, ending in '~').</summary>
    public static string Create(string presentation, SdHashAlgorithm algorithm, KeyPair holderKey, string nonce, string audience, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var payload = new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["sd_hash"] = algorithm.Digest(presentation),
        };
        return JwsSigner.Sign(new JsonObject { ["typ"] = SdJwtNames.KeyBindingType }, Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)), holderKey);
    }

    /// <summary>
    /// The holder-binding check of a presentation: required KB-JWT present; typ kb+jwt; allowed algorithm; signed by the key in
    /// <c>cnf.jwk</c>; iat neither in the future nor older than the policy allows; nonce, aud and sd_hash as expected.
    /// A KB-JWT that is present is always checked, even when the policy does not require one.
    /// </summary>
    public static CheckResult Check(SdJwtCompact parts, JsonObject issuerPayload, SdHashAlgorithm algorithm, KeyBindingRequirement? policy,
        DateTimeOffset now, TimeSpan clockSkew)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(issuerPayload);
        ArgumentNullException.ThrowIfNull(algorithm);
        var required = policy?.Required == true;
        if (required && (string.IsNullOrEmpty(policy!.Nonce) || string.IsNullOrEmpty(policy.Audience)))
        {
            return CheckResult.Fail(CheckNames.HolderBinding, ErrorCodes.KeyBindingRequired,
                "The verifier requires key binding but names no nonce or audience, so a presentation made for another verifier could be replayed.");
        }

        if (parts.KeyBindingJwt is null)
        {
            return required
                ? CheckResult.Fail(CheckNames.HolderBinding, ErrorCodes.KeyBindingRequired, "The verifier requires key binding but the presentation has no Key Binding JWT.")
                : CheckResult.Skipped(CheckNames.HolderBinding, "No key binding: anyone holding this SD-JWT could present it.");
        }

        var error = Verify(parts, issuerPayload, algorithm, policy, now, clockSkew);
        return error is null
            ? CheckResult.Pass(CheckNames.HolderBinding, policy is { Nonce: not null, Audience: not null }
                ? "The presentation is signed by the holder's key (cnf) for this verifier and nonce."
                : "The presentation is signed by the holder's key (cnf); this verifier asked for no nonce, so it may have been made for another verifier.")
            : CheckResult.Fail(CheckNames.HolderBinding, error.Code, error.Message);
    }

    private static CredentialError? Verify(SdJwtCompact parts, JsonObject issuerPayload, SdHashAlgorithm algorithm, KeyBindingRequirement? policy,
        DateTimeOffset now, TimeSpan clockSkew)
    {
        var parsed = CompactJws.Parse(parts.KeyBindingJwt!, 64 * 1024);
        if (!parsed.IsSuccess)
        {
            return new(ErrorCodes.KeyBindingInvalid, "The Key Binding JWT is malformed.");
        }

        var jws = parsed.Value;
        if (jws.Type != SdJwtNames.KeyBindingType)
        {
            return new(ErrorCodes.KeyBindingInvalid, "The Key Binding JWT's typ is not kb+jwt.");
        }

        if (JwsAlgorithms.CheckHeader(jws.Algorithm) is { } algError)
        {
            return new(ErrorCodes.KeyBindingInvalid, "Key Binding JWT: " + algError.Message);
        }

        if (issuerPayload["cnf"] is not JsonObject cnf || cnf["jwk"] is not JsonObject jwk || !PublicKey.FromJwk(jwk).TryGetValue(out var holderKey, out _))
        {
            return new(ErrorCodes.KeyBindingInvalid, "The SD-JWT has no usable holder key (cnf.jwk).");
        }

        if (JwsAlgorithms.CheckKey(jws.Algorithm!, holderKey) is not null || !holderKey.Verify(jws.SigningInput, jws.Signature))
        {
            return new(ErrorCodes.KeyBindingInvalid, "The Key Binding JWT is not signed by the holder's key.");
        }

        var payload = StrictJson.ParseObject(jws.Payload, new JsonLimits { MaxBytes = 16 * 1024, MaxDepth = 8 });
        if (!payload.IsSuccess)
        {
            return new(ErrorCodes.KeyBindingInvalid, "The Key Binding JWT payload is not a JSON object.");
        }

        var claims = payload.Value;
        var iat = JwtClaims.NumericDate(claims, "iat");
        if (!iat.IsSuccess || iat.Value is not { } issuedAt)
        {
            return new(ErrorCodes.KeyBindingIssuedAt, "The Key Binding JWT has no valid iat.");
        }

        if (issuedAt > now + clockSkew)
        {
            return new(ErrorCodes.KeyBindingIssuedAt, "The Key Binding JWT was issued in the future.");
        }

        if (now - issuedAt > (policy?.MaxAge ?? TimeSpan.FromMinutes(5)) + clockSkew)
        {
            return new(ErrorCodes.KeyBindingIssuedAt, "The Key Binding JWT is stale (iat too old).");
        }

        var nonce = CredentialFields.Text(claims, "nonce");
        if (nonce is null || (policy?.Nonce is { } expectedNonce && nonce != expectedNonce))
        {
            return new(ErrorCodes.KeyBindingNonce, "The Key Binding JWT's nonce is missing or not the verifier's.");
        }

        var aud = CredentialFields.Text(claims, "aud");
        if (aud is null || (policy?.Audience is { } expectedAudience && aud != expectedAudience))
        {
            return new(ErrorCodes.KeyBindingAudience, "The Key Binding JWT's aud is missing or not this verifier.");
        }

        if (CredentialFields.Text(claims, "sd_hash") != algorithm.Digest(parts.WithoutKeyBinding))
        {
            return new(ErrorCodes.KeyBindingSdHash, "The Key Binding JWT's sd_hash does not match the presented SD-JWT.");
        }

        return null;
    }
}
