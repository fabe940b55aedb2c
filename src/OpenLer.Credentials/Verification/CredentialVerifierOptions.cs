using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Verification;

/// <summary>Everything a <see cref="CredentialVerifier"/> depends on, injected; the defaults touch no network.</summary>
public sealed record CredentialVerifierOptions
{
    /// <summary>
    /// Resolves verification methods; by default did:key and did:jwk, and https (issuer profile) methods through a fetcher
    /// that refuses the network (<see cref="MappedHttpsFetcher.Offline"/>): a key written in an https method's fragment checks
    /// the signature but the key binding is "could not check".
    /// </summary>
    public IVerificationMethodResolver VerificationMethods { get; init; } = new SchemeVerificationMethodResolver(
        new DidVerificationMethodResolver(Dids.DidResolver.Offline), new HttpsVerificationMethodResolver(MappedHttpsFetcher.Offline));

    /// <summary>Resolves issuer DIDs (for JWS without kid). Should agree with <see cref="VerificationMethods"/>.</summary>
    public IDidResolver DidResolver { get; init; } = Dids.DidResolver.Offline;

    /// <summary>The proof suites accepted: by default every suite (RDF ones over the embedded contexts only).</summary>
    public CryptosuiteRegistry Cryptosuites { get; init; } = DataIntegrity.Cryptosuites.Default;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public JsonLimits Limits { get; init; } = JsonLimits.Default;

    /// <summary>Tolerance for "not yet valid" against clocks ahead of ours. Expiry is checked exactly.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    public ICredentialStatusChecker? StatusChecker { get; init; }

    /// <summary>
    /// SD-JWT key binding the verifier requires (nonce, audience, freshness), fixed before reading any input; null means a
    /// presentation without a Key Binding JWT is accepted (a KB-JWT that is present is still checked).
    /// </summary>
    public SdJwt.KeyBindingRequirement? KeyBinding { get; init; }

    public ICredentialSchemaValidator? SchemaValidator { get; init; }

    public IIssuerTrustList? TrustList { get; init; }

    /// <summary>When true, an issuer the trust list does not know makes verification fail (the web app's employer view).</summary>
    public bool RequireTrustedIssuer { get; init; }

    /// <summary>Keys for JWT issuers that are not DIDs (e.g. an https issuer with a configured JWKS), by issuer id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PublicKey>> IssuerKeys { get; init; } = new Dictionary<string, IReadOnlyList<PublicKey>>();
}
