using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Verification;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// Real signed third-party credentials, ../shared/vectors/credentials/index.json (see its PROVENANCE.md): every credential
/// must get the expected outcome, and each failure the intended reason (check name and error code). Expectations come from
/// the index: the DCC fixtures' file names (registry-status-expiry[-variant]: revoked / expired / notYetValid / tampered /
/// bad* fail the corresponding check, the others verify), the 1EdTech fixtures' positive / negative notes (a negative
/// fixture is named after its error), and where the index leaves a choice, <see cref="Overrides"/> records ours with its
/// reason. Besides those, a credential is expected to fail the Open Badges 3.0 rules it visibly breaks (a subject with
/// neither id nor identifier), because the specification says so.
/// Offline by construction: the supporting documents of the folder (did:web documents, status lists) answer for their
/// published URLs, the JSON Schemas come from ../openbadges, the contexts from ../contexts, and the clock is fixed at
/// <see cref="Now"/>. Resources the folder does not have (1EdTech issuer profiles at example.com) are "could not check".
/// </summary>
internal sealed class CredentialsSuite : IConformanceSuite
{
    /// <summary>The verifier's clock: fixed, so that "notExpired" (validUntil 2030 and later) and "expired" fixtures stay so.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);


    /// <summary>Where the fixtures' supporting documents are published (PROVENANCE.md); the local copies answer for them.</summary>
    private static readonly (string Folder, string BaseUrl)[] Origins =
    [
        ("dcc-vc-test-fixtures/", "https://digitalcredentials.github.io/vc-test-fixtures/"),
        ("1edtech-validator-fixtures/ob30/", "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/"),
    ];

    /// <summary>Codes that mean "a resource this offline folder does not contain" (never counted as passed).</summary>
    private static readonly string[] Offline = [ErrorCodes.VerificationMethodUnconfirmed];

    public string Name => "credentials";

    public string Folder => "credentials";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(suiteDirectory, "index.json")))!.AsObject();
        var items = index["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var documents = SupportingDocuments(suiteDirectory, items);
        var verifier = new Lazy<CredentialVerifier>(() => CreateVerifier(suiteDirectory, documents));
        foreach (var item in items.Where(i => i["role"] is null))
        {
            var path = (string)item["path"]!;
            yield return new ConformanceCase(path, () => Run(verifier.Value, suiteDirectory, item, documents));
        }
    }

    private static Dictionary<string, byte[]> SupportingDocuments(string directory, List<JsonObject> items)
    {
        var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i["role"] is not null))
        {
            var path = (string)item["path"]!;
            foreach (var (folder, baseUrl) in Origins)
            {
                if (path.StartsWith(folder, StringComparison.Ordinal))
                {
                    documents[baseUrl + path[folder.Length..]] = File.ReadAllBytes(Path.Combine(directory, path));
                }
            }
        }

        return documents;
    }

    private static CredentialVerifier CreateVerifier(string directory, Dictionary<string, byte[]> documents)
    {
        var root = VectorContexts.RootOf(directory);
        var schemas = Path.Combine(root, "openbadges");
        return VerifierFactory.Create(new VerifierSettings
        {
            UrlDocuments = documents,
            SchemasFolder = Directory.Exists(schemas) ? schemas : null,
            TimeProvider = new FixedTimeProvider(Now),
            Cryptosuites = VectorContexts.Suites(root),
        });
    }

    private static ConformanceOutcome Run(CredentialVerifier verifier, string directory, JsonObject item, Dictionary<string, byte[]> documents)
    {
        var path = (string)item["path"]!;
        var bytes = File.ReadAllBytes(Path.Combine(directory, path));
        var expected = Expect(item, bytes, documents);
        if (expected is null)
        {
            return ConformanceOutcome.Fail("no expectation recorded for this fixture");
        }

        var result = verifier.VerifyAsync(bytes, CancellationToken.None).GetAwaiter().GetResult();
        return Compare(expected, result);
    }

    /// <summary>The expected failures: each (check, acceptable codes); any other required check must pass or be offline.</summary>
    internal sealed record Expectation(string Why, IReadOnlyList<(string Check, string[] Codes)> Failures, bool OfflineAllowed);

    private static ConformanceOutcome Compare(Expectation expected, VerificationResult result)
    {
        foreach (var (check, codes) in expected.Failures)
        {
            var actual = result[check];
            if (actual is null || actual.Status is CheckStatus.Passed or CheckStatus.NotChecked || !codes.Contains(actual.Code))
            {
                return ConformanceOutcome.Fail($"expected {check} to fail with {string.Join(" or ", codes)} ({expected.Why}); got " +
                    (actual is null ? "no such check" : Describe(actual)));
            }
        }

        foreach (var problem in result.Checks.Where(c => c.Required && c.Status != CheckStatus.Passed))
        {
            // A check that could not run because of an expected failure elsewhere (e.g. the verification method after an
            // unusable proof) carries that failure's code.
            var consequence = problem.Status == CheckStatus.CouldNotCheck && expected.Failures.Any(f => f.Codes.Contains(problem.Code));
            if (consequence || expected.Failures.Any(f => f.Check == problem.Name) || (expected.OfflineAllowed && Offline.Contains(problem.Code)))
            {
                continue;
            }

            return ConformanceOutcome.Fail($"unexpected {Describe(problem)} ({expected.Why})");
        }

        // Genuineness (docs/adr/genuine-vs-notes.md): a data-model note never decides; a genuine failure always does.
        var genuine = expected.Failures.Where(f => !Genuineness.IsNote(f.Check)).ToList();
        if (genuine.Count > 0 && result.Verified)
        {
            return ConformanceOutcome.Fail($"verified although {string.Join(", ", genuine.Select(f => f.Check))} must fail ({expected.Why})");
        }

        return result.Verified || genuine.Count > 0 || expected.OfflineAllowed
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"not verified ({expected.Why})");
    }

    private static string Describe(CheckResult check) =>
        $"{check.Name} {Commands.VerifyCommand.StatusText(check.Status)} [{check.Code}] {check.Message}";

    private static Expectation? Expect(JsonObject item, byte[] bytes, Dictionary<string, byte[]> documents)
    {
        var path = (string)item["path"]!;
        var name = Path.GetFileName(path);
        if (Overrides.TryGetValue(path, out var chosen))
        {
            return chosen;
        }

        var failures = new List<(string, string[])>();
        var why = new List<string>();
        if (path.StartsWith("dcc-vc-test-fixtures/", StringComparison.Ordinal))
        {
            if (StatusList(Parse(bytes), documents) is { } unusable)
            {
                failures.Add((CheckNames.Status, [unusable.Code]));
                why.Add(unusable.Why);
            }
            else
            {
                switch ((string?)item["status"])
                {
                    case "revokedStatus" or "revoked":
                        failures.Add((CheckNames.Status, [ErrorCodes.CredentialRevoked]));
                        why.Add("revoked");
                        break;
                    case "missingTypeStatus" or "notYetValidStatus":
                        failures.Add((CheckNames.Status, [ErrorCodes.StatusVerification, ErrorCodes.StatusRetrieval]));
                        why.Add("its status list credential is unusable (" + (string?)item["status"] + ")");
                        break;
                }
            }

            if ((string?)item["expiry"] == "expired")
            {
                failures.Add((CheckNames.ValidityPeriod, [ErrorCodes.CredentialExpired]));
                why.Add("expired");
            }

            switch ((string?)item["variant"])
            {
                case "notYetValid":
                    failures.Add((CheckNames.ValidityPeriod, [ErrorCodes.CredentialNotYetValid]));
                    why.Add("not yet valid");
                    break;
                case "tampered":
                    failures.Add((CheckNames.Proof, [ErrorCodes.ProofVerification]));
                    why.Add("tampered");
                    break;
            }
        }
        else
        {
            var note = (string?)item["expectation"] ?? string.Empty;
            if (note.StartsWith("negative fixture", StringComparison.Ordinal))
            {
                return null; // every negative 1EdTech fixture has its expected reason in Overrides
            }

            if (note.StartsWith("no proof", StringComparison.Ordinal))
            {
                failures.Add((CheckNames.Proof, [ErrorCodes.MalformedProof]));
                failures.Add((CheckNames.VerificationMethod, [ErrorCodes.MalformedProof]));
                why.Add("unsigned");
            }

            if (note.StartsWith("status list check expected to report revoked", StringComparison.Ordinal))
            {
                failures.Add((CheckNames.Status, [ErrorCodes.CredentialRevoked]));
                why.Add("revoked");
            }
        }

        if (SubjectWithoutIdentifier(bytes))
        {
            failures.Add((CheckNames.OpenBadges, [ErrorCodes.MissingSubjectIdentifier]));
            why.Add("OB 3.0: the subject has neither id nor identifier");
        }

        var offline = path.StartsWith("1edtech-validator-fixtures/", StringComparison.Ordinal);
        return new Expectation(why.Count == 0 ? (offline ? "positive; issuer profile not available offline" : "positive") : string.Join(", ", why), failures, offline);
    }

    /// <summary>
    /// Why the credential's status list cannot decide its status here, read from the folder independently of the checker:
    /// the list is not in the folder (its URL is not one the folder publishes), or it is issued by another issuer than the
    /// credential's (the status checker does not trust such a list: a list is the issuer's statement, and
    /// w3c/vc-status-list-2021#7 leaves a shared list to trust frameworks). Null when the list decides.
    /// </summary>
    private static (string Code, string Why)? StatusList(JsonObject? credential, Dictionary<string, byte[]> documents)
    {
        if (credential?["credentialStatus"] is not JsonObject entry || CredentialFields.Text(entry, "statusListCredential") is not { } url)
        {
            return null;
        }

        if (!documents.TryGetValue(url, out var list))
        {
            return (ErrorCodes.StatusRetrieval, $"its status list {url} is not in the folder (not available offline)");
        }

        var listIssuer = Parse(list) is { } listDocument ? CredentialFields.IssuerId(listDocument) : null;
        var issuer = CredentialFields.IssuerId(credential);
        return listIssuer == issuer
            ? null
            : (ErrorCodes.StatusListIssuerMismatch, $"its status list is issued by {listIssuer}, not by the credential's issuer {issuer}");
    }

    private static JsonObject? Parse(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>An Open Badges credential whose subject has neither id nor identifier (read independently of the verifier).</summary>
    private static bool SubjectWithoutIdentifier(byte[] bytes)
    {
        var document = Parse(bytes);
        if (document is null || !OpenBadgesModel.Applies(document) || OpenBadgesModel.IsClr(document) ||
            CredentialFields.Types(document).Contains("EndorsementCredential"))
        {
            return false;
        }

        return document["credentialSubject"] is JsonObject subject && subject["id"] is null && subject["identifier"] is null;
    }

    /// <summary>Our expectation where the index leaves the choice to the verifier, with the reason.</summary>
    private static readonly Dictionary<string, Expectation> Overrides = new(StringComparer.Ordinal)
    {
        // Negative 1EdTech fixtures, named after their error. They were edited after signing, and the invalid type names are
        // not defined by the OB context, so the proof fails too (safe mode: DATA_LOSS_DETECTION_ERROR).
        [Ob30 + "simple-err-credential-subject-identifier-type.json"] = TypeError("credentialSubject.identifier type"),
        [Ob30 + "simple-err-credential-subject-result-type.json"] = TypeError("credentialSubject.result type"),
        [Ob30 + "simple-err-credential-subject-type.json"] = TypeError("credentialSubject type"),
        [Ob30 + "simple-err-evidence-type.json"] = TypeError("evidence type"),
        [Ob30 + "simple-err-issuer-otheridentifier-type.json"] = TypeError("issuer.otherIdentifier type"),
        [Ob30 + "simple-err-issuer-parentorg-type.json"] = TypeError("issuer.parentOrg type"),
        [Ob30 + "simple-err-issuer.json"] = new("negative: no issuer", [(CheckNames.Format, [ErrorCodes.MalformedValue])], false),
        [Ob30 + "simple-err-proof-method.json"] = new("negative: the verification method's key is not a valid multibase key",
            [(CheckNames.VerificationMethod, [ErrorCodes.UnknownMulticodec]), (CheckNames.Proof, [ErrorCodes.UnknownMulticodec])], false),
        [Ob30 + "endorsement-err-schema-status-refresh.json"] = new(
            "negative: schema, status (1EdTechRevocationList, not supported: could not check) and refreshService (not checked); edited after signing",
            [
                (CheckNames.Schema, [ErrorCodes.SchemaValidation]),
                (CheckNames.Status, [ErrorCodes.UnsupportedStatus]),
                (CheckNames.Proof, [ErrorCodes.ProofVerification]),
            ],
            true),

        // DCC "bad*" variant: the index only says it must fail "the corresponding check".
        ["dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json"] = new(
            "badSchema: VC 1.1 issuanceDate smuggled into a VC 2.0 credential through an inline @context, refused under RDF suites " +
            "(vc-data-integrity#272); its status list is issued by did:key:z6MknNQD…, not by the credential's issuer (not trusted); " +
            "OB 3.0: the subject has neither id nor identifier",
            [
                (CheckNames.Proof, [ErrorCodes.InlineContext]),
                (CheckNames.Status, [ErrorCodes.StatusListIssuerMismatch]),
                (CheckNames.OpenBadges, [ErrorCodes.MissingSubjectIdentifier]),
            ],
            false),

        // Positive 1EdTech fixtures where our verifier's rules give another answer, deliberately.
        [Ob30 + "simple-did-key-method.json"] = new(
            "the proof's did:key is not the issuer (https://example.com/issuers/876543): a key that belongs to someone else is refused (issue 5 hostile list)",
            [(CheckNames.VerificationMethod, [ErrorCodes.VerificationMethodNotControlledByIssuer])], false),
        [Ob30 + "simple-multiple-proofs.json"] = new(
            "one proof of the set has an unknown type: a proof set verifies only when every proof does (SECURITY.md CP-11)",
            [(CheckNames.Proof, [ErrorCodes.UnsupportedCryptosuite])], false),
        [Ob30 + "complete_v1.json"] = new(
            "expired 2020-01-01 (expirationDate); its key https://1edtech.edu/issuers/565049#key-1 is only in the issuer profile, not available offline; status 1EdTechRevocationList not supported",
            [
                (CheckNames.ValidityPeriod, [ErrorCodes.CredentialExpired]),
                (CheckNames.Proof, [ErrorCodes.RemoteDocumentFetch]),
                (CheckNames.VerificationMethod, [ErrorCodes.RemoteDocumentFetch]),
                (CheckNames.Status, [ErrorCodes.UnsupportedStatus]),
            ],
            true),
        [Ob30 + "complete.json"] = new(
            "positive; issuer profile not available offline; status 1EdTechRevocationList not supported (could not check)",
            [(CheckNames.Status, [ErrorCodes.UnsupportedStatus])], true),
        [Ob30 + "bit-string-list/credential-status-revoked.json"] = new(
            "the status list is signed with the key written in https://1edtech.edu/issuers/565049#z6Mk…, whose issuer profile is not " +
            "available offline: the list cannot be trusted, so revocation could not be checked (never passed)",
            [(CheckNames.Status, [ErrorCodes.StatusVerification])], true),
        [Ob30 + "simple.jwt"] = Rs256("no key for the https issuer is available offline; its AchievementSubject has no achievement (required by OB 3.0)",
            (CheckNames.OpenBadges, [ErrorCodes.MalformedValue])),
        [Ob30 + "simple-jwt_v1.png"] = Rs256("the key is a jwk in the JWS header"),
        [Ob30 + "simple-jwt_v1.svg"] = Rs256("the key is a jwk in the JWS header"),
        [Ob30 + "simple-jwt.svg"] = new(
            "VC-JOSE payload (@context at the top) in a JWS without typ vc+jwt: refused as a token of unknown type (SECURITY.md CP-15); RS256 with a header jwk would be refused next",
            [(CheckNames.Format, [ErrorCodes.InvalidTokenType])], false),
        ["1edtech-validator-fixtures/clr20/simple_old_safesigned.json"] = new(
            "signed over the draft CLR context https://dc.imsglobal.org/draft/clr/v2p0/context, which the vectors do not contain: not available offline; " + NestedSchemaType,
            [(CheckNames.Proof, [ErrorCodes.UnknownContext]), (CheckNames.NestedCredentials, [ErrorCodes.DataLossDetection])], true),
        ["1edtech-validator-fixtures/clr20/simple-noproof.json"] = new("unsigned; " + NestedSchemaType,
            [
                (CheckNames.Proof, [ErrorCodes.MalformedProof]),
                (CheckNames.VerificationMethod, [ErrorCodes.MalformedProof]),
                (CheckNames.NestedCredentials, [ErrorCodes.DataLossDetection]),
            ],
            false),
        [Ob30 + "simple-noproof.json"] = new("unsigned; its AchievementSubject has no achievement (required by OB 3.0)",
            [
                (CheckNames.Proof, [ErrorCodes.MalformedProof]),
                (CheckNames.VerificationMethod, [ErrorCodes.MalformedProof]),
                (CheckNames.OpenBadges, [ErrorCodes.MalformedValue]),
            ],
            false),
    };

    private const string Ob30 = "1edtech-validator-fixtures/ob30/";

    private const string NestedSchemaType =
        "the nested credential names a credentialSchema of type JsonSchemaValidator2020, a term the OB context does not define: refused in safe mode";

    private static Expectation TypeError(string what) => new($"negative: {what}",
        [(CheckNames.OpenBadges, [ErrorCodes.InvalidType]), (CheckNames.Proof, [ErrorCodes.DataLossDetection, ErrorCodes.ProofVerification])], true);

    private static Expectation Rs256(string why, params (string Check, string[] Codes)[] more) => new(
        $"VC-JWT signed with RS256, which this verifier does not accept (EdDSA, ES256, ES384 only); {why}",
        [(CheckNames.Proof, [ErrorCodes.UnsupportedAlgorithm]), .. more], true);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
