using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.WorkAuthorization;

/// <summary>
/// What a CBO records when it sees a jobseeker's work-authorization document. Every claim is selectively disclosable:
/// a presentation shows only the facts the holder chooses (by default <see cref="AuthorizedToWork"/> and
/// <see cref="ValidUntil"/>, plus the constant evidence statement).
/// </summary>
public sealed record WorkAuthorizationClaims
{
    /// <summary>Whether the document the CBO saw shows authorization to work in the US.</summary>
    public required bool AuthorizedToWork { get; init; }

    /// <summary>The last day of the authorization shown by the document, or null when it has no end date ("no expiry").</summary>
    public required DateOnly? ValidUntil { get; init; }

    /// <summary>When the CBO's staff saw the document (in person).</summary>
    public required DateTimeOffset DocumentSeenAt { get; init; }

    /// <summary>The immigration status category the document shows, e.g. "refugee", "asylee", "tps".</summary>
    public string? StatusCategory { get; init; }

    /// <summary>e.g. "EAD (Form I-766)", "Permanent Resident Card (Form I-551)", "Form I-94".</summary>
    public string? DocumentType { get; init; }

    /// <summary>The category printed on the document, e.g. "A03" (refugee) or "C08".</summary>
    public string? Category { get; init; }

    /// <summary>USCIS number (A-number): "A" and 7-9 digits.</summary>
    public string? ANumber { get; init; }

    public string? DocumentNumber { get; init; }

    public DateOnly? DocumentExpiry { get; init; }
}

/// <summary>
/// The work-authorization credential profile: an SD-JWT VC whose <c>vct</c> lies under the deployment's own domain. It says
/// that the issuing CBO saw a document and when (<c>document_seen_at</c>, <c>evidence</c>); it never claims that any
/// government system verified the document. Every claim about the holder is selectively disclosable (RFC 9901 §4.2.1);
/// only the SD-JWT VC claims that may never be (iss, vct, iat, exp, cnf, status: SD-JWT VC §3.2.2) are in the clear.
/// Presentations disclose <c>authorized_to_work</c> and <c>valid_until</c> (or <c>no_expiry</c>) unless the holder chooses
/// otherwise, and always the evidence statement. Note that <c>exp</c>, which must stay visible, is the day after
/// <c>valid_until</c>: an employer can read the end date from it even when <c>valid_until</c> is not disclosed.
/// </summary>
public static partial class WorkAuthorizationCredential
{
    /// <summary>The claim of a credential without an end date (instead of <c>valid_until</c>).</summary>
    public const string NoExpiryClaim = "no_expiry";

    /// <summary>Every claim of the profile, each selectively disclosable.</summary>
    public static IReadOnlyList<string> DisclosableClaims { get; } =
    [
        "authorized_to_work", "valid_until", NoExpiryClaim, "document_seen_at", "evidence", "status_category", "document_type", "category",
        "a_number", "document_number", "document_expiry",
    ];

    /// <summary>What a presentation shows by default: whether the person may work, and until when.</summary>
    public static IReadOnlyList<string> DefaultDisclosure { get; } = ["authorized_to_work", "valid_until"];

    /// <summary>Disclosed in every presentation: the statement that the document was seen by the issuer, not checked with any government system.</summary>
    public static IReadOnlyList<string> AlwaysDisclosed { get; } = ["evidence"];

    /// <summary>The statement every credential carries about how the document was checked.</summary>
    public const string EvidenceStatement =
        "Staff of the issuing organization saw this document in person. The document was not checked with any government system.";

    [GeneratedRegex("^A[0-9]{7,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex ANumberPattern();

    /// <summary>The profile's <c>vct</c> under the deployment's domain, e.g. <c>https://openler.example/vct/work-authorization/v1</c>.</summary>
    public static string VctFor(string deploymentDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentDomain);
        if (deploymentDomain.Contains('/', StringComparison.Ordinal) || Uri.CheckHostName(deploymentDomain) is not (UriHostNameType.Dns))
        {
            throw new ArgumentException("The deployment domain must be a DNS host name, e.g. openler.example.", nameof(deploymentDomain));
        }

        return $"https://{deploymentDomain}/vct/work-authorization/v1";
    }

    /// <summary>Validates <paramref name="claims"/> and builds the SD-JWT VC claims set (without signing).</summary>
    public static Outcome<JsonObject> BuildClaims(WorkAuthorizationClaims claims, string deploymentDomain, string issuer, DateTimeOffset now, JsonObject? status = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        if (claims.DocumentSeenAt > now)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "document_seen_at is in the future.");
        }

        if (claims.ANumber is { } a && !ANumberPattern().IsMatch(a))
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The A-number must be 'A' followed by 7 to 9 digits.");
        }

        DateTimeOffset? validUntilEnd = claims.ValidUntil is { } until
            ? new DateTimeOffset(until.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1)
            : null;
        if (validUntilEnd <= now)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "valid_until is in the past.");
        }

        var body = new JsonObject
        {
            ["iss"] = issuer,
            ["vct"] = VctFor(deploymentDomain),
            ["iat"] = now.ToUnixTimeSeconds(),
        };

        // The credential expires at the end of the last valid day (RFC 7519 §4.1.4); without an end date it has no exp.
        if (validUntilEnd is { } end)
        {
            body["exp"] = end.ToUnixTimeSeconds();
        }

        body["authorized_to_work"] = claims.AuthorizedToWork;
        if (claims.ValidUntil is { } last)
        {
            body["valid_until"] = Date(last);
        }
        else
        {
            body[NoExpiryClaim] = true;
        }

        body["document_seen_at"] = XsdDateTime.Format(claims.DocumentSeenAt);
        body["evidence"] = new JsonObject
        {
            ["type"] = "document_seen_by_issuer",
            ["statement"] = EvidenceStatement,
        };
        if (status is not null)
        {
            body["status"] = status.DeepClone();
        }

        AddIfPresent(body, "status_category", claims.StatusCategory);
        AddIfPresent(body, "document_type", claims.DocumentType);
        AddIfPresent(body, "category", claims.Category);
        AddIfPresent(body, "a_number", claims.ANumber);
        AddIfPresent(body, "document_number", claims.DocumentNumber);
        AddIfPresent(body, "document_expiry", claims.DocumentExpiry is { } e ? Date(e) : null);
        return body;
    }

    /// <summary>Issues the credential, bound to <paramref name="holderKey"/> (cnf), with every claim selectively disclosable.</summary>
    public static Outcome<IssuedSdJwt> Issue(WorkAuthorizationClaims claims, string deploymentDomain, KeyPair issuerKey, string issuer, string keyId,
        PublicKey holderKey, RandomNumberGenerator random, DateTimeOffset now, JsonObject? status = null)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        var body = BuildClaims(claims, deploymentDomain, issuer, now, status);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        var disclosable = DisclosableClaims.Where(body.Value.ContainsKey).ToArray();
        return SdJwtVc.Issue(body.Value, issuerKey, keyId, disclosable, random, now, holderKey);
    }

    /// <summary>
    /// A presentation for a verifier: by default only <c>authorized_to_work</c> and <c>valid_until</c> (no document detail);
    /// <paramref name="alsoDisclose"/> adds details the holder chooses from <see cref="DisclosableClaims"/>.
    /// </summary>
    public static Outcome<string> Present(string sdJwt, KeyPair holderKey, string nonce, string audience, DateTimeOffset now,
        IEnumerable<string>? alsoDisclose = null) =>
        PresentOnly(sdJwt, [.. DefaultDisclosure, .. alsoDisclose ?? []], holderKey, nonce, audience, now);

    /// <summary>
    /// A presentation that discloses exactly the facts the holder chose (names from <see cref="DisclosableClaims"/>; at least
    /// one), plus <see cref="AlwaysDisclosed"/>. <c>valid_until</c> names the end date, which on a credential without one is
    /// <c>no_expiry</c>. A chosen fact the credential does not carry is refused.
    /// </summary>
    public static Outcome<string> PresentOnly(string sdJwt, IEnumerable<string> facts, KeyPair holderKey, string nonce, string audience, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var chosen = facts.Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Choose at least one fact of the work-authorization credential to disclose.");
        }

        var unknown = chosen.FirstOrDefault(c => !DisclosableClaims.Contains(c));
        if (unknown is not null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"'{unknown}' is not a disclosable claim of the work-authorization credential.");
        }

        var claims = Claims(sdJwt);
        if (!claims.IsSuccess)
        {
            return claims.Error;
        }

        var disclose = new List<string>();
        foreach (var fact in chosen.Concat(AlwaysDisclosed).Distinct(StringComparer.Ordinal))
        {
            var name = fact == "valid_until" && !claims.Value.ContainsKey("valid_until") && claims.Value.ContainsKey(NoExpiryClaim) ? NoExpiryClaim : fact;
            if (!claims.Value.ContainsKey(name))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, $"The credential has no claim '{fact}'.");
            }

            disclose.Add(name);
        }

        return SdJwtPresenter.Present(sdJwt, disclose, holderKey, nonce, audience, now, JsonLimits.Default);
    }

    /// <summary>Every claim of an issued credential (the holder's own copy, all disclosures), without checking the signature.</summary>
    public static Outcome<JsonObject> Claims(string sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var parts = SdJwtCompact.Parse(sdJwt.Trim(), JsonLimits.Default.MaxBytes);
        if (!parts.IsSuccess)
        {
            return parts.Error;
        }

        var jws = CompactJws.Parse(parts.Value.IssuerJwt, JsonLimits.Default.MaxBytes);
        if (!jws.IsSuccess)
        {
            return jws.Error;
        }

        var payload = StrictJson.ParseObject(jws.Value.Payload, JsonLimits.Default);
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var processed = SdJwtProcessor.Process(payload.Value, parts.Value.Disclosures);
        return processed.IsSuccess ? processed.Value.Claims : processed.Error;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static void AddIfPresent(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
