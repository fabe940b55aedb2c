using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Verifies a W3C Verifiable Presentation secured with a Data Integrity proof (VC DM 2.0 §4.13 and VC 1.1 §4.10; VC Data
/// Integrity §4.3): type VerifiablePresentation, a holder DID, a proof with purpose <c>authentication</c> whose challenge and
/// domain are the verifier's and whose key belongs to the holder; then each credential with the <see cref="CredentialVerifier"/>
/// (proof, issuer, status, validity, trust), and holder binding (each subject id is the holder). Used for OpenID4VP
/// <c>ldp_vc</c> responses and VC-API DID authentication. Never throws on hostile input.
/// </summary>
public sealed class PresentationVerifier
{
    private readonly CredentialVerifier _credentials;
    private readonly DataIntegrityVerifier _proofs;

    public PresentationVerifier(CredentialVerifier credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        var options = credentials.Options;
        _proofs = new DataIntegrityVerifier(options.Cryptosuites, options.VerificationMethods, options.TimeProvider);
    }

    public CredentialVerifier CredentialVerifier => _credentials;

    public Task<PresentationVerification> VerifyAsync(string json, PresentationExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = StrictJson.ParseObject(json, _credentials.Options.Limits);
        return parsed.IsSuccess
            ? VerifyAsync(parsed.Value, expectations, cancellationToken)
            : Task.FromResult(PresentationVerification.Failed(CheckNames.Format, parsed.Error.Code, parsed.Error.Message));
    }

    public async Task<PresentationVerification> VerifyAsync(JsonObject presentation, PresentationExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(expectations);
        if (!CredentialFields.Types(presentation).Contains("VerifiablePresentation"))
        {
            return PresentationVerification.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The document is not a VerifiablePresentation.");
        }

        var contexts = presentation["@context"] switch
        {
            JsonArray a => a.Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToArray(),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        if (contexts.Length == 0 || contexts[0] is not ("https://www.w3.org/ns/credentials/v2" or "https://www.w3.org/2018/credentials/v1"))
        {
            return PresentationVerification.Failed(CheckNames.Format, ErrorCodes.MalformedValue,
                "The presentation's first @context must be the VC 2.0 (or VC 1.1) context.");
        }

        var holder = presentation["holder"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o => CredentialFields.Text(o, "id"),
            _ => null,
        };
        if (holder is null || DidUrl.DidOf(holder) != holder)
        {
            return PresentationVerification.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The presentation's holder must be a DID.");
        }

        var items = presentation["verifiableCredential"] switch
        {
            null => [],
            JsonArray array => array.ToArray(),
            JsonNode single => [single],
        };
        if (items.Length > expectations.MaxCredentials)
        {
            return PresentationVerification.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                $"The presentation holds more than {expectations.MaxCredentials} credentials.");
        }

        if (items.Length == 0 && !expectations.AllowEmpty)
        {
            return PresentationVerification.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The presentation holds no credential.");
        }

        var checks = new List<CheckResult> { CheckResult.Pass(CheckNames.Format, $"Verifiable Presentation by {holder} with {items.Length} credential(s).") };
        var proof = await _proofs.VerifyAsync(presentation, new ProofExpectations
        {
            ProofPurpose = "authentication",
            ExpectedController = holder,
            Challenge = expectations.Challenge,
            Domain = expectations.Domain,
            ClockSkew = _credentials.Options.ClockSkew,
        }, cancellationToken).ConfigureAwait(false);
        checks.AddRange(proof.Checks);

        var results = new List<VerificationResult>();
        var unbound = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            var result = items[i] switch
            {
                JsonObject credential => await _credentials.VerifyJsonAsync(credential, cancellationToken).ConfigureAwait(false),
                JsonValue v when v.TryGetValue<string>(out var text) => await _credentials.VerifyAsync(text, cancellationToken).ConfigureAwait(false),
                _ => VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "Not a credential."),
            };
            results.Add(result);
            var subjects = SubjectIds(result.Credential?.Document);
            if (subjects.Count == 0 || subjects.Any(s => s != holder))
            {
                unbound.Add(i);
            }
        }

        if (items.Length > 0)
        {
            checks.Add(unbound.Count == 0
                ? CheckResult.Pass(CheckNames.HolderBinding, "Every credential's subject is the holder who signed the presentation.")
                : expectations.RequireHolderBinding
                    ? CheckResult.Fail(CheckNames.HolderBinding, ErrorCodes.HolderMismatch,
                        $"verifiableCredential[{string.Join(", ", unbound)}] is about someone other than the presentation's holder.")
                    : new CheckResult(CheckNames.HolderBinding, CheckStatus.NotChecked, null, "The verifier does not require the subject to be the holder.", false));
        }

        return new PresentationVerification(checks, holder, results, presentation);
    }

    /// <summary>
    /// VC-API DID authentication (VCALM "DID Authentication"): a presentation with no credentials (or some) whose
    /// <c>authentication</c> proof carries the exchange's challenge and domain. Returns the holder DID when it verifies.
    /// </summary>
    public async Task<Outcome<string>> VerifyDidAuthenticationAsync(JsonObject presentation, string challenge, string domain, CancellationToken cancellationToken = default)
    {
        var result = await VerifyAsync(presentation, new PresentationExpectations
        {
            Challenge = challenge,
            Domain = domain,
            AllowEmpty = true,
            RequireHolderBinding = false,
        }, cancellationToken).ConfigureAwait(false);
        if (result.PresentationVerified && result.Holder is { } holder)
        {
            return holder;
        }

        var problem = result.Checks.FirstOrDefault(c => c.Required && c.Status != CheckStatus.Passed);
        return Outcome.Error(problem?.Code ?? ErrorCodes.ProofVerification, "DID authentication failed: " + (problem?.Message ?? "no proof."));
    }

    private static List<string?> SubjectIds(JsonObject? credential) => credential?["credentialSubject"] switch
    {
        JsonObject s => [CredentialFields.Text(s, "id")],
        JsonArray a => [.. a.Select(s => s is JsonObject o ? CredentialFields.Text(o, "id") : null)],
        _ => [],
    };
}
