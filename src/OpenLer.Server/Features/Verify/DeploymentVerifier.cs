using Microsoft.Extensions.Options;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The deployment's verifier: the library's <see cref="CredentialVerifier"/> (fail closed) with this deployment's trust
/// list, did:web documents and status lists answered from its own database. It never touches the network: a did:web or
/// status list of another deployment "could not be checked", which is never "genuine". Documents are held to the
/// verification budget's JSON limits; user-supplied credentials are verified through <see cref="VerificationBudget"/>.
/// did:web documents and verified status lists are kept per organization stamp (<see cref="DeploymentDocuments"/>), so a
/// revocation, key rotation or organization change is seen by the next verification on any instance.
/// </summary>
public sealed class DeploymentVerifier(AppDbContext db, DeploymentDocuments documents, IOptions<DeploymentOptions> options)
{
    private CredentialVerifier? _verifier;

    /// <summary>Verifies with one verifier per request (this service is scoped).</summary>
    public Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default) =>
        (_verifier ??= Create(null)).VerifyAsync(input, cancellationToken);

    /// <summary>
    /// Verifies a presentation whose key binding must match <paramref name="keyBinding"/> (RFC 9901 §7.3): the nonce and
    /// audience a share link gave the holder's wallet, so a Key Binding JWT made for one link fails on any other.
    /// </summary>
    public Task<VerificationResult> VerifyAsync(string input, KeyBindingRequirement keyBinding, CancellationToken cancellationToken = default) =>
        Create(keyBinding).VerifyAsync(input, cancellationToken);

    /// <summary>
    /// The deployment's credential verifier itself, for presentations (VC-API DID authentication, OpenID4VP): the same trust
    /// list, did:web documents and status lists.
    /// </summary>
    public CredentialVerifier Verifier => _verifier ??= Create(null);

    /// <summary>The same checks without requiring a trusted issuer (trust is still reported): for machine clients that ask about any issuer.</summary>
    public CredentialVerifier WithoutRequiredTrust() => new(Verifier.Options with { RequireTrustedIssuer = false });

    private CredentialVerifier Create(KeyBindingRequirement? keyBinding) =>
        new(documents.Verification with
        {
            // W3C Bitstring Status List for credentialStatus, IETF Token Status List for an SD-JWT VC's status claim.
            StatusChecker = new StampedStatusChecker(db, documents, options.Value),
            TrustList = new DeploymentTrustList(db, options.Value),
            RequireTrustedIssuer = true,
            KeyBinding = keyBinding,
        });
}
