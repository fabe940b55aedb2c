using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.WorkAuthorization;

/// <summary>
/// What a CBO records when it sees a jobseeker's work-authorization document. Only <see cref="AuthorizedToWork"/>,
/// <see cref="ValidUntil"/> and <see cref="DocumentSeenAt"/> are always visible; the document details are each selectively
/// disclosable and shown only when the holder chooses.
/// </summary>
public sealed record WorkAuthorizationClaims
{
    /// <summary>Whether the document the CBO saw shows authorization to work in the US.</summary>
    public required bool AuthorizedToWork { get; init; }

    /// <summary>The last day of the authorization shown by the document.</summary>
    public required DateOnly ValidUntil { get; init; }

    /// <summary>When the CBO's staff saw the document (in person).</summary>
    public required DateTimeOffset DocumentSeenAt { get; init; }

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
/// government system verified the document. Presentations disclose only <c>authorized_to_work</c> and <c>valid_until</c>
/// unless the holder chooses more.
/// </summary>
public static partial class WorkAuthorizationCredential
{
    /// <summary>The selectively disclosable claims, each hidden by default.</summary>
    public static IReadOnlyList<string> DisclosableClaims { get; } = ["document_type", "category", "a_number", "document_number", "document_expiry"];

    /// <summary>What a presentation shows by default (both are always-visible claims, so no disclosure is needed).</summary>
    public static IReadOnlyList<string> DefaultDisclosure { get; } = ["authorized_to_work", "valid_until"];

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

        var validUntilEnd = new DateTimeOffset(claims.ValidUntil.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        if (validUntilEnd <= now)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "valid_until is in the past.");
        }

        var body = new JsonObject
        {
            ["iss"] = issuer,
            ["vct"] = VctFor(deploymentDomain),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = validUntilEnd.ToUnixTimeSeconds(),
            ["authorized_to_work"] = claims.AuthorizedToWork,
            ["valid_until"] = Date(claims.ValidUntil),
            ["document_seen_at"] = XsdDateTime.Format(claims.DocumentSeenAt),
            ["evidence"] = new JsonObject
            {
                ["type"] = "document_seen_by_issuer",
                ["statement"] = EvidenceStatement,
            },
        };
        if (status is not null)
        {
            body["status"] = status.DeepClone();
        }

        AddIfPresent(body, "document_type", claims.DocumentType);
        AddIfPresent(body, "category", claims.Category);
        AddIfPresent(body, "a_number", claims.ANumber);
        AddIfPresent(body, "document_number", claims.DocumentNumber);
        AddIfPresent(body, "document_expiry", claims.DocumentExpiry is { } e ? Date(e) : null);
        return body;
    }

    /// <summary>Issues the credential, bound to <paramref name="holderKey"/> (cnf), with the document details selectively disclosable.</summary>
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
        IEnumerable<string>? alsoDisclose = null)
    {
        var extra = (alsoDisclose ?? []).ToArray();
        var unknown = extra.FirstOrDefault(c => !DisclosableClaims.Contains(c));
        if (unknown is not null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"'{unknown}' is not a disclosable claim of the work-authorization credential.");
        }

        return SdJwtPresenter.Present(sdJwt, [.. DefaultDisclosure, .. extra], holderKey, nonce, audience, now, JsonLimits.Default);
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
