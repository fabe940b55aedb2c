namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>What the issuer requires of a <c>jwt</c> key proof (OpenID4VCI 1.0 §F.1, §F.4), fixed before reading it.</summary>
public sealed record KeyProofExpectations
{
    /// <summary>The Credential Issuer Identifier, required in <c>aud</c>.</summary>
    public required string Audience { get; init; }

    /// <summary>
    /// True when the nonce is one the issuer handed out (nonce endpoint, or a draft 13 token response) and may still be used.
    /// Asked only after the signature verified; the server consumes the nonce once the credential is issued.
    /// </summary>
    public required Func<string, bool> IsActiveNonce { get; init; }

    /// <summary>Accepted <c>alg</c> values: EdDSA and ES256 by default; <c>none</c> and HMAC are never accepted.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = OpenLerCredentialConfigurations.ProofAlgorithms;

    /// <summary>
    /// The configuration's <c>cryptographic_binding_methods_supported</c>: <c>did:key</c> / <c>did:jwk</c> admit a <c>kid</c> of that
    /// method; <c>jwk</c> or <c>did:jwk</c> admit a <c>jwk</c> header.
    /// </summary>
    public IReadOnlyList<string> BindingMethods { get; init; } = ["did:key", "did:jwk", "jwk"];

    /// <summary>A proof whose <c>iat</c> is older than this is stale (§13.4 proof replay).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerance for a wallet clock ahead of ours.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The expectations for a configuration: its binding methods and proof algorithms (within EdDSA and ES256).</summary>
    public static KeyProofExpectations For(CredentialConfiguration configuration, string audience, Func<string, bool> isActiveNonce)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new KeyProofExpectations
        {
            Audience = audience,
            IsActiveNonce = isActiveNonce,
            Algorithms = [.. configuration.ProofSigningAlgorithms.Intersect(OpenLerCredentialConfigurations.ProofAlgorithms, StringComparer.Ordinal)],
            BindingMethods = configuration.BindingMethods,
        };
    }
}
