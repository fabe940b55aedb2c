using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Verifies a credential in any supported format and returns every check as a value: format, proof, verification method,
/// validity period, status, schema and issuer trust. Never throws on hostile input.
/// </summary>
public sealed class CredentialVerifier
{
    private readonly CredentialVerifierOptions _options;
    private readonly DataIntegrityVerifier _dataIntegrity;
    private readonly JoseCredentialVerifier _jose;
    private readonly SdJwtVcVerifier _sdJwt;

    public CredentialVerifier(CredentialVerifierOptions? options = null)
    {
        _options = options ?? new CredentialVerifierOptions();
        _dataIntegrity = new DataIntegrityVerifier(_options.Cryptosuites, _options.VerificationMethods, _options.TimeProvider);
        _jose = new JoseCredentialVerifier(_options);
        _sdJwt = new SdJwtVcVerifier(_options, _jose);
    }

    public CredentialVerifierOptions Options => _options;

    public Task<VerificationResult> VerifyAsync(byte[] input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length > _options.Limits.MaxBytes)
        {
            return Task.FromResult(VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                $"The credential is larger than the limit of {_options.Limits.MaxBytes} bytes."));
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Task.FromResult(VerificationResult.Failed(CheckNames.Format, ErrorCodes.JsonParse, "The input is not valid UTF-8."));
        }

        return VerifyAsync(text, cancellationToken);
    }

    public async Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length > _options.Limits.MaxBytes)
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                $"The credential is larger than the limit of {_options.Limits.MaxBytes} bytes.");
        }

        var trimmed = input.Trim();
        if (SdJwtCompact.LooksLikeSdJwt(trimmed))
        {
            var (checks, credential) = await _sdJwt.VerifyAsync(trimmed, cancellationToken).ConfigureAwait(false);
            return await CompleteAsync(checks, credential, cancellationToken).ConfigureAwait(false);
        }

        // Key binding is the verifier's policy: a format that cannot carry it does not satisfy it.
        if (_options.KeyBinding?.Required == true)
        {
            return VerificationResult.Failed(CheckNames.HolderBinding, ErrorCodes.KeyBindingRequired,
                "The verifier requires an SD-JWT presentation with key binding.");
        }

        if (trimmed.StartsWith('{'))
        {
            var parsed = StrictJson.ParseObject(trimmed, _options.Limits);
            if (!parsed.IsSuccess)
            {
                return VerificationResult.Failed(CheckNames.Format, parsed.Error);
            }

            return await VerifyJsonAsync(parsed.Value, cancellationToken).ConfigureAwait(false);
        }

        if (CompactJws.LooksLikeCompactJws(trimmed))
        {
            var (checks, credential) = await _jose.VerifyAsync(trimmed, cancellationToken).ConfigureAwait(false);
            return await CompleteAsync(checks, credential, cancellationToken).ConfigureAwait(false);
        }

        return VerificationResult.Failed(CheckNames.Format, ErrorCodes.UnrecognizedFormat,
            "Not a recognized credential: expected a JSON-LD credential, a compact JWT or an SD-JWT.");
    }

    /// <summary>Verifies a JSON credential: a Data Integrity secured credential, or an EnvelopedVerifiableCredential.</summary>
    public async Task<VerificationResult> VerifyJsonAsync(JsonObject credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var types = CredentialFields.Types(credential);
        if (types.Contains("EnvelopedVerifiableCredential"))
        {
            // VC 2.0 §4.13: the id is a data: URL carrying the secured credential.
            var id = CredentialFields.Text(credential, "id");
            const string prefix = "data:application/vc+jwt,";
            return id is not null && id.StartsWith(prefix, StringComparison.Ordinal)
                ? await VerifyAsync(id[prefix.Length..], cancellationToken).ConfigureAwait(false)
                : VerificationResult.Failed(CheckNames.Format, ErrorCodes.UnrecognizedFormat, "Unsupported enveloped credential.");
        }

        if (!types.Contains("VerifiableCredential"))
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The document is not a VerifiableCredential.");
        }

        // VC 2.0 §4.3 (and VC 1.1 §4.1): the first context is the VC context; v1 and v2 are not mixed (SECURITY.md LD-03).
        var contextError = CheckBaseContext(credential);
        if (contextError is not null)
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, contextError);
        }

        var issuer = CredentialFields.IssuerId(credential);
        if (issuer is null)
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The credential has no issuer id.");
        }

        var checks = new List<CheckResult> { CheckResult.Pass(CheckNames.Format, "JSON-LD credential with an embedded proof.") };
        var proof = await _dataIntegrity.VerifyAsync(credential, new ProofExpectations
        {
            ExpectedController = issuer,
            ClockSkew = _options.ClockSkew,
        }, cancellationToken).ConfigureAwait(false);
        checks.AddRange(proof.Checks);
        checks.Add(ValidityPeriod.Check(credential, _options.TimeProvider.GetUtcNow(), _options.ClockSkew));
        var verified = new VerifiedCredential(CredentialFormats.LdpVc, issuer, proof.ProofType, credential);
        return await CompleteAsync(checks, verified, cancellationToken).ConfigureAwait(false);
    }

    private const string VcV2Context = "https://www.w3.org/ns/credentials/v2";
    private const string VcV1Context = "https://www.w3.org/2018/credentials/v1";

    private static string? CheckBaseContext(JsonObject credential)
    {
        var contexts = credential["@context"] switch
        {
            JsonArray a => a.ToArray(),
            JsonNode single => [single],
            null => [],
        };
        var urls = contexts.Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToArray();
        if (urls.Length == 0 || urls[0] is not (VcV2Context or VcV1Context))
        {
            return "The first @context must be https://www.w3.org/ns/credentials/v2 (or the VC 1.1 context).";
        }

        if (urls.Contains(VcV2Context) && urls.Contains(VcV1Context))
        {
            return "The credential mixes the VC 1.1 and VC 2.0 contexts.";
        }

        return null;
    }

    /// <summary>Adds the status, schema and issuer-trust checks to the proof and validity checks of any format.</summary>
    private async Task<VerificationResult> CompleteAsync(List<CheckResult> checks, VerifiedCredential? credential, CancellationToken cancellationToken)
    {
        if (credential is null || checks.Any(c => c.Name == CheckNames.Format && c.Status != CheckStatus.Passed))
        {
            return new VerificationResult(checks, credential);
        }

        var document = credential.Document;
        if (document["credentialStatus"] is null && document["status"] is null)
        {
            checks.Add(CheckResult.Skipped(CheckNames.Status, "The credential has no status entry."));
        }
        else if (_options.StatusChecker is null)
        {
            checks.Add(CheckResult.Unavailable(CheckNames.Status, ErrorCodes.StatusRetrieval,
                "The credential has a status entry but this verifier has no status checker: revocation could not be checked."));
        }
        else
        {
            checks.Add(await _options.StatusChecker.CheckAsync(document, credential.Format, cancellationToken).ConfigureAwait(false));
        }

        if (document["credentialSchema"] is null)
        {
            checks.Add(CheckResult.Skipped(CheckNames.Schema, "The credential names no schema."));
        }
        else if (_options.SchemaValidator is null)
        {
            checks.Add(CheckResult.Skipped(CheckNames.Schema, "Not checked: no schemas are configured."));
        }
        else
        {
            checks.Add(await _options.SchemaValidator.ValidateAsync(document, cancellationToken).ConfigureAwait(false));
        }

        if (_options.TrustList is null || credential.IssuerId is null)
        {
            checks.Add(_options.RequireTrustedIssuer
                ? CheckResult.Unavailable(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "No trust list is configured.")
                : CheckResult.Skipped(CheckNames.IssuerTrust, "Not checked: no trust list is configured."));
        }
        else
        {
            var trust = await _options.TrustList.CheckAsync(credential.IssuerId, cancellationToken).ConfigureAwait(false);
            checks.Add(trust with { Required = _options.RequireTrustedIssuer });
        }

        return new VerificationResult(checks, credential);
    }
}
