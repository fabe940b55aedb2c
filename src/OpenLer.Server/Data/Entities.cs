
namespace OpenLer.Server.Data;

/// <summary>An issuing organization (a CBO such as the International Rescue Committee) with its Ed25519 issuer key.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Url { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// A random value replaced in the same save as any change that can alter a verification of this organization's
    /// credentials (a revocation, a key, the organization itself): caches of every instance key on it, so one cheap read
    /// per view tells them their copy is stale (Features/Organizations/OrganizationStamps).
    /// </summary>
    public long Stamp { get; set; }

    /// <summary>
    /// For an organization's practice space (staff training, issue 15): the id of the real organization it shadows; null
    /// for a real organization. A practice organization has its own sites, programs, clients and signing key; every tenant
    /// filter keeps its data apart, its key is on no trust list, and its credentials carry the practice mark
    /// (Features/Practice).
    /// </summary>
    public Guid? PracticeOf { get; set; }
}

/// <summary>A site (office) of an organization, e.g. "IRC Tucson".</summary>
public sealed class Site
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>
    /// The ISO 3166 region for phone numbers typed without a country code at this site ("US": "(520) 555-0142" is
    /// +15205550142). Used when staff add a client at the site; sign-in pages use the deployment's <c>OpenLer:PhoneRegion</c>.
    /// </summary>
    public string PhoneRegion { get; set; } = "US";
}

/// <summary>A program: an Open Badges 3.0 Achievement that the organization awards.</summary>
public sealed class AchievementProgram
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Criteria { get; set; } = "";
    public string? ImageUrl { get; set; }

    /// <summary>The language the name, description and criteria are written in (translations: <c>ProgramTranslation</c>).</summary>
    public string Language { get; set; } = "en";

    /// <summary>Skill/occupation alignments, one code per line (taxonomy codes).</summary>
    public string Alignments { get; set; } = "";

    /// <summary>Whether completion records an English level on the CEFR scale.</summary>
    public bool RecordsEnglishLevel { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A client enrolled in a program cohort; completion records evidence and results.</summary>
public sealed class Enrollment
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ClientId { get; set; }
    public Guid ProgramId { get; set; }
    public AchievementProgram? Program { get; set; }
    public string Cohort { get; set; } = "";
    public DateTime EnrolledAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>What the person did, encrypted (organization scope).</summary>
    public string? EvidenceCipher { get; set; }

    /// <summary>Plain-text evidence of a database from before field encryption; emptied by the upgrade at start.</summary>
    public string? LegacyEvidence { get; set; }
    public string? EnglishLevel { get; set; }
}

/// <summary>An issued OpenBadgeCredential (the signed JSON is kept as issued) with its status list entry.</summary>
public sealed class IssuedCredential
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public Guid EnrollmentId { get; set; }
    public Guid JobseekerId { get; set; }
    public string AchievementName { get; set; } = "";

    /// <summary>The signed credential as issued, encrypted (organization scope): it holds evidence and results.</summary>
    public string? JsonCipher { get; set; }

    /// <summary>Plain-text credential of a database from before field encryption; emptied by the upgrade at start.</summary>
    public string? LegacyJson { get; set; }

    /// <summary>The organization key that signed it.</summary>
    public Guid? SigningKeyId { get; set; }

    /// <summary>The credential subject's id: a did:key of a key the person's wallet keeps (null on older credentials).</summary>
    public string? HolderDid { get; set; }
    public DateTime IssuedAt { get; set; }
    public string StatusPurpose { get; set; } = "revocation";
    public int StatusListNumber { get; set; }
    public int StatusListIndex { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>Why staff revoked it, in their words, encrypted (organization scope): it may name the person.</summary>
    public string? RevocationReasonCipher { get; set; }

    /// <summary>Plain-text reason of a database from before its encryption; emptied by the upgrade at start.</summary>
    public string? LegacyRevocationReason { get; set; }

    /// <summary>
    /// For a copy delivered to another wallet (OpenID4VCI, VC-API exchange): the credential in the person's OpenLER wallet it
    /// was made from. Null for the credential the wallet itself keeps; copies are never listed in the wallet.
    /// </summary>
    public Guid? SourceCredentialId { get; set; }

    /// <summary>The offer that delivered this copy (one credential per offer: a unique index).</summary>
    public Guid? OfferId { get; set; }

    /// <summary>How it was secured: ldp_vc (eddsa-rdfc-2022, the wallet's own form), jwt_vc_json or dc+sd-jwt.</summary>
    public string Format { get; set; } = CredentialFormatNames.LdpVc;
}

/// <summary>The OpenID4VCI format names an issued credential is stored under.</summary>
public static class CredentialFormatNames
{
    public const string LdpVc = "ldp_vc";
    public const string JwtVcJson = "jwt_vc_json";
    public const string SdJwtVc = "dc+sd-jwt";
}

/// <summary>Self-reported experience (informal work, languages): always shown as self-reported, never as verified.</summary>
public sealed class SelfReportedExperience
{
    public Guid Id { get; set; }
    public Guid JobseekerId { get; set; }
    public string Kind { get; set; } = "work";

    /// <summary>The person's words, encrypted (people's scope).</summary>
    public string? DescriptionCipher { get; set; }

    /// <summary>Plain text of a database from before field encryption; emptied by the upgrade at start.</summary>
    public string? LegacyDescription { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A share link: looked up by its token's SHA-256 hash; the token itself is also kept encrypted (people's scope) so the
/// holder can see the link and its QR again (links made before that have only the hash). The holder's label is encrypted.
/// <see cref="Nonce"/> and the share's audience are what the holder's wallet signed its key-binding JWTs for, so a
/// presentation made for this link fails on any other.
/// </summary>
public sealed class Share
{
    public Guid Id { get; set; }
    public Guid JobseekerId { get; set; }
    public string TokenHash { get; set; } = "";

    /// <summary>The token, encrypted (people's scope), shown again only to the holder; null for links made before it was kept.</summary>
    public string? TokenCipher { get; set; }

    /// <summary>Who the share is for, in the holder's words, encrypted (people's scope).</summary>
    public string? LabelCipher { get; set; }

    /// <summary>Plain-text label of a database from before encryption; emptied by the upgrade at start.</summary>
    public string? LegacyLabel { get; set; }

    /// <summary>The key-binding nonce of this link (128 random bits, base64url).</summary>
    public string Nonce { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the holder was told the link was opened for the first time (set once, by a conditional update).</summary>
    public DateTime? FirstOpenNoticeAt { get; set; }
    public List<ShareItem> Items { get; set; } = [];
}

/// <summary>
/// One thing a share carries: an Open Badges credential, the work-authorization credential with the facts the holder chose
/// (and the presentation made for this share), or a self-reported entry (shown as it reads now; gone when deleted).
/// </summary>
public sealed class ShareItem
{
    public Guid Id { get; set; }
    public Guid ShareId { get; set; }

    /// <summary><see cref="ShareItemKinds"/>.</summary>
    public string Kind { get; set; } = ShareItemKinds.Credential;

    /// <summary>The Open Badges credential or the work-authorization credential.</summary>
    public Guid? CredentialId { get; set; }

    /// <summary>The self-reported entry.</summary>
    public Guid? SelfReportedId { get; set; }

    /// <summary>The facts of the work authorization the holder chose (claim names, comma-separated).</summary>
    public string? Facts { get; set; }

    /// <summary>The SD-JWT VC presentation with its key-binding JWT for this share, encrypted (people's scope).</summary>
    public string? PresentationCipher { get; set; }
}

/// <summary>Kinds of share item.</summary>
public static class ShareItemKinds
{
    public const string Credential = "credential";
    public const string WorkAuthorization = "work-authorization";
    public const string SelfReported = "self-reported";
}

/// <summary>One time a share link was opened (when, never who).</summary>
public sealed class ShareOpen
{
    public Guid Id { get; set; }
    public Guid ShareId { get; set; }
    public DateTime OpenedAt { get; set; }
}

/// <summary>
/// An employer the organization works with: the organization's own entry (its name for the employer, a contact person)
/// and, once invited, the partnership with the employer's company account (<see cref="CompanyId"/>, an
/// <c>EmployerCompany</c>). A company can work with several organizations, one entry each; a company that already had an
/// account decides (<see cref="AcceptedAt"/> / <see cref="DeclinedAt"/>), one the organization created for it is accepted
/// at once. Employers need no account to open a share link.
/// </summary>
public sealed class Employer
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? ContactName { get; set; }

    /// <summary>The employer's company account, once invited (null: listed only).</summary>
    public Guid? CompanyId { get; set; }

    public DateTime? InvitedAt { get; set; }

    /// <summary>When the partnership started: the organization created the company, or the company accepted.</summary>
    public DateTime? AcceptedAt { get; set; }

    /// <summary>When the company refused to work with the organization.</summary>
    public DateTime? DeclinedAt { get; set; }
}

/// <summary>A published, signed BitstringStatusListCredential (re-signed when a credential on it is revoked).</summary>
public sealed class StatusListDocument
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Purpose { get; set; } = "revocation";
    public int Number { get; set; }
    public string Json { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
