using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// Verifies a credential in any supported format and returns every check as a value: format, proof, verification method,
/// validity period, status, schema and issuer trust. Never throws on hostile input. The caller's cancellation token is
/// also a time budget: JSON-LD expansion, RDF canonicalization and the steps between checks observe it, and a cancelled
/// verification ends with <see cref="OperationCanceledException"/> (never with a result).
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
        if (BakedBadge.IsPng(input))
        {
            // Open Badges 3.0 §5.3.1: a baked PNG badge carries the credential in an iTXt chunk.
            var baked = BakedBadge.ExtractFromPng(input, _options.Limits.MaxBytes);
            return baked.IsSuccess
                ? VerifyTextAsync(baked.Value, 0, cancellationToken)
                : Task.FromResult(VerificationResult.Failed(CheckNames.Format, baked.Error));
        }

        var isImage = input.Length > 0 && input.AsSpan().TrimStart((byte)' ').StartsWith("<"u8);
        if (input.Length > (isImage ? BakedBadge.MaxImageBytes : _options.Limits.MaxBytes))
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

        if (BakedBadge.IsSvg(text))
        {
            return VerifySvgAsync(text, cancellationToken);
        }

        return VerifyAsync(text, cancellationToken);
    }

    /// <summary>Open Badges 3.0 §5.3.2: a baked SVG badge carries the credential in an openbadges:credential element.</summary>
    private Task<VerificationResult> VerifySvgAsync(string svg, CancellationToken cancellationToken)
    {
        var baked = BakedBadge.ExtractFromSvg(svg, _options.Limits.MaxBytes);
        return !baked.IsSuccess
            ? Task.FromResult(VerificationResult.Failed(CheckNames.Format, baked.Error))
            : baked.Value.TrimStart().StartsWith('<')
                ? Task.FromResult(VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The SVG's credential is not a credential."))
                : VerifyTextAsync(baked.Value, 0, cancellationToken);
    }

    public Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return VerifyTextAsync(input, 0, cancellationToken);
    }

    /// <summary>Credentials nested deeper than this (a CLR inside a CLR inside ...) are refused.</summary>
    public const int MaxNesting = 2;

    /// <summary>A CLR with more nested credentials than this is refused.</summary>
    public const int MaxNestedCredentials = 256;

    private async Task<VerificationResult> VerifyTextAsync(string input, int depth, CancellationToken cancellationToken)
    {
        if (input.Length > _options.Limits.MaxBytes)
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.DocumentTooLarge,
                $"The credential is larger than the limit of {_options.Limits.MaxBytes} bytes.");
        }

        var trimmed = input.Trim();
        if (SdJwtCompact.LooksLikeSdJwt(trimmed))
        {
            var (checks, credential) = await _sdJwt.VerifyAsync(trimmed, cancellationToken).ConfigureAwait(false);
            return await CompleteAsync(checks, credential, depth, cancellationToken).ConfigureAwait(false);
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

            return await VerifyJsonAsync(parsed.Value, depth, cancellationToken).ConfigureAwait(false);
        }

        if (CompactJws.LooksLikeCompactJws(trimmed))
        {
            var (checks, credential) = await _jose.VerifyAsync(trimmed, cancellationToken).ConfigureAwait(false);
            return await CompleteAsync(checks, credential, depth, cancellationToken).ConfigureAwait(false);
        }

        if (depth == 0 && BakedBadge.IsSvg(trimmed))
        {
            return await VerifySvgAsync(trimmed, cancellationToken).ConfigureAwait(false);
        }

        return VerificationResult.Failed(CheckNames.Format, ErrorCodes.UnrecognizedFormat,
            "Not a recognized credential: expected a JSON-LD credential, a compact JWT, an SD-JWT or a baked PNG / SVG badge.");
    }

    /// <summary>Verifies a JSON credential: a Data Integrity secured credential, or an EnvelopedVerifiableCredential.</summary>
    public Task<VerificationResult> VerifyJsonAsync(JsonObject credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return VerifyJsonAsync(credential, 0, cancellationToken);
    }

    private async Task<VerificationResult> VerifyJsonAsync(JsonObject credential, int depth, CancellationToken cancellationToken)
    {
        var types = CredentialFields.Types(credential);
        if (types.Contains("EnvelopedVerifiableCredential"))
        {
            // VC 2.0 §4.13: the id is a data: URL carrying the secured credential.
            var id = CredentialFields.Text(credential, "id");
            const string prefix = "data:application/vc+jwt,";
            return id is not null && id.StartsWith(prefix, StringComparison.Ordinal)
                ? await VerifyTextAsync(id[prefix.Length..], depth, cancellationToken).ConfigureAwait(false)
                : VerificationResult.Failed(CheckNames.Format, ErrorCodes.UnrecognizedFormat, "Unsupported enveloped credential.");
        }

        if (!types.Contains("VerifiableCredential"))
        {
            return VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "The document is not a VerifiableCredential.");
        }

        // VC 2.0 §4.3 (and VC 1.1 §4.1): the first context is the VC context; v1 and v2 are not mixed (SECURITY.md LD-03).
        var contextError = CheckBaseContext(credential) ?? CompactedForm.Check(credential);
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
        return await CompleteAsync(checks, verified, depth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>CLR 2.0: every credential in credentialSubject.verifiableCredential is verified as a credential of its own.</summary>
    private async Task<CheckResult> CheckNestedAsync(JsonObject clr, int depth, CancellationToken cancellationToken)
    {
        var subject = clr["credentialSubject"] switch
        {
            JsonObject o => o,
            JsonArray { Count: 1 } a => a[0] as JsonObject,
            _ => null,
        };
        var nested = subject?["verifiableCredential"] switch
        {
            JsonArray array => array.ToArray(),
            JsonNode single => [single],
            null => [],
        };
        if (nested is null || nested.Length == 0)
        {
            return CheckResult.Fail(CheckNames.NestedCredentials, ErrorCodes.NestedCredential, "The CLR contains no verifiable credentials.");
        }

        if (depth + 1 > MaxNesting || nested.Length > MaxNestedCredentials)
        {
            return CheckResult.Fail(CheckNames.NestedCredentials, ErrorCodes.NestedCredential,
                $"The CLR nests credentials deeper than {MaxNesting} levels or contains more than {MaxNestedCredentials}.");
        }

        CheckResult? couldNot = null;
        for (var i = 0; i < nested.Length; i++)
        {
            var result = nested[i] switch
            {
                JsonObject o => await VerifyJsonAsync(o, depth + 1, cancellationToken).ConfigureAwait(false),
                JsonValue v when v.TryGetValue<string>(out var jwt) => await VerifyTextAsync(jwt, depth + 1, cancellationToken).ConfigureAwait(false),
                _ => VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "Not a credential."),
            };
            if (result.Verified)
            {
                continue;
            }

            // A nested credential that fails a check fails the CLR; one that could not be checked makes it "could not check".
            var failed = result.Checks.FirstOrDefault(c => c.Required && c.Status == CheckStatus.Failed);
            if (failed is not null)
            {
                return CheckResult.Fail(CheckNames.NestedCredentials, failed.Code ?? ErrorCodes.NestedCredential,
                    $"verifiableCredential[{i}] is not verified: {failed.Name}: {failed.Message}");
            }

            var problem = result.FirstProblem ?? CheckResult.Unavailable(CheckNames.Proof, ErrorCodes.MalformedProof, "No proof was checked.");
            couldNot ??= CheckResult.Unavailable(CheckNames.NestedCredentials, problem.Code ?? ErrorCodes.NestedCredential,
                $"verifiableCredential[{i}] could not be verified: {problem.Name}: {problem.Message}");
        }

        return couldNot ?? CheckResult.Pass(CheckNames.NestedCredentials, $"All {nested.Length} nested credential(s) verify.");
    }

    /// <summary>Endorsements verified per credential at most; more are reported as not checked.</summary>
    public const int MaxEndorsements = 16;

    /// <summary>
    /// OB 3.0 endorsements (EndorsementCredentials, or their compact JWTs) on the credential, its issuer, its achievement and
    /// the achievement's creator, each verified as a credential of its own. They are third parties' statements, so the check
    /// is informational (not required): an endorsement that does not verify never makes the credential fail, and one
    /// that does is reported by its issuer. Null when the credential carries no endorsement.
    /// </summary>
    private async Task<CheckResult?> CheckEndorsementsAsync(JsonObject credential, int depth, CancellationToken cancellationToken)
    {
        var achievement = credential["credentialSubject"] is JsonObject subject ? subject["achievement"] as JsonObject : null;
        JsonObject?[] holders = [credential, credential["issuer"] as JsonObject, achievement, achievement?["creator"] as JsonObject];
        var endorsements = new List<JsonNode>();
        foreach (var holder in holders.OfType<JsonObject>())
        {
            foreach (var name in new[] { "endorsement", "endorsementJwt" })
            {
                endorsements.AddRange(holder[name] switch
                {
                    JsonArray array => array.OfType<JsonNode>(),
                    JsonNode one => [one],
                    null => [],
                });
            }
        }

        if (endorsements.Count == 0)
        {
            return null;
        }

        if (depth + 1 > MaxNesting)
        {
            return new CheckResult(CheckNames.Endorsements, CheckStatus.NotChecked, null, "Endorsements nested this deep are not verified.", false);
        }

        var verified = new List<string>();
        var problems = new List<string>();
        string? firstCode = null;
        foreach (var endorsement in endorsements.Take(MaxEndorsements))
        {
            var result = endorsement switch
            {
                JsonObject o => await VerifyJsonAsync(o, depth + 1, cancellationToken).ConfigureAwait(false),
                JsonValue v when v.TryGetValue<string>(out var jwt) => await VerifyTextAsync(jwt, depth + 1, cancellationToken).ConfigureAwait(false),
                _ => VerificationResult.Failed(CheckNames.Format, ErrorCodes.MalformedValue, "Not a credential."),
            };
            var by = DataIntegrityVerifier.Display(result.Credential?.IssuerId);
            if (result.Verified)
            {
                verified.Add(by);
                continue;
            }

            var problem = result.FirstProblem!;
            firstCode ??= problem.Code;
            problems.Add($"by {by}: {problem.Name} {problem.Code}");
        }

        var skipped = endorsements.Count > MaxEndorsements ? $" {endorsements.Count - MaxEndorsements} more not checked." : string.Empty;
        return problems.Count == 0
            ? new CheckResult(CheckNames.Endorsements, CheckStatus.Passed, null, $"{verified.Count} endorsement(s) verify: by {string.Join(", ", verified)}.{skipped}", false)
            : new CheckResult(CheckNames.Endorsements, CheckStatus.Failed, firstCode ?? ErrorCodes.NestedCredential,
                $"{problems.Count} of {Math.Min(endorsements.Count, MaxEndorsements)} endorsement(s) do not verify ({string.Join("; ", problems.GroupBy(p => p).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (x{g.Count()})"))}); they are third parties' statements and do not affect this credential's verification.{skipped}", false);
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
    private async Task<VerificationResult> CompleteAsync(List<CheckResult> checks, VerifiedCredential? credential, int depth, CancellationToken cancellationToken)
    {
        if (credential is null || checks.Any(c => c.Name == CheckNames.Format && c.Status != CheckStatus.Passed))
        {
            return new VerificationResult(checks, credential);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var document = credential.Document;
        if (OpenBadgesModel.Applies(document))
        {
            checks.Add(Genuineness.Classify(OpenBadgesModel.Check(document)));
            if (OpenBadgesModel.IsClr(document))
            {
                checks.Add(await CheckNestedAsync(document, depth, cancellationToken).ConfigureAwait(false));
            }

            if (await CheckEndorsementsAsync(document, depth, cancellationToken).ConfigureAwait(false) is { } endorsements)
            {
                checks.Add(endorsements);
            }
        }

        // A practice credential (OB 3.0 achievement tag "practice") is never a real one, even when its proof holds.
        if (PracticeMarker.Check(document) is { } practice)
        {
            checks.Add(practice);
        }

        cancellationToken.ThrowIfCancellationRequested();
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
            checks.Add(Genuineness.Classify(await _options.SchemaValidator.ValidateAsync(document, cancellationToken).ConfigureAwait(false)));
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
