using Microsoft.AspNetCore.Identity;

namespace OpenLer.Server.Data;

/// <summary>An issuing organization (a CBO such as the International Rescue Committee) with its Ed25519 issuer key.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Url { get; set; }

    /// <summary>The issuer key's public half (Multikey multibase).</summary>
    public string PublicKeyMultibase { get; set; } = "";

    /// <summary>The private key (multibase), encrypted with ASP.NET Core Data Protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A site (office) of an organization, e.g. "IRC Tucson".</summary>
public sealed class Site
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A staff member (ASP.NET Core Identity user) of one organization.</summary>
public sealed class StaffUser : IdentityUser
{
    public Guid OrganizationId { get; set; }
    public Guid? SiteId { get; set; }
    public string DisplayName { get; set; } = "";
    public string Language { get; set; } = "en";
}

/// <summary>A jobseeker: signs in with a one-time code sent to their contact (e-mail or phone).</summary>
public sealed class Jobseeker
{
    public Guid Id { get; set; }

    /// <summary>Normalized e-mail address or phone number.</summary>
    public string Contact { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Language { get; set; } = "en";
    public int FailedCodeAttempts { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A one-time sign-in code (only its salted hash is stored).</summary>
public sealed class LoginCode
{
    public Guid Id { get; set; }
    public Guid JobseekerId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public bool Used { get; set; }
}

/// <summary>The local outbox: messages the default sender "delivers" (shown on screen in demo mode).</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A jobseeker on an organization's caseload.</summary>
public sealed class Client
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? SiteId { get; set; }
    public Guid JobseekerId { get; set; }
    public Jobseeker? Jobseeker { get; set; }
    public DateTime CreatedAt { get; set; }
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
    public string? Evidence { get; set; }
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
    public string Json { get; set; } = "";
    public DateTime IssuedAt { get; set; }
    public string StatusPurpose { get; set; } = "revocation";
    public int StatusListNumber { get; set; }
    public int StatusListIndex { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
}

/// <summary>Self-reported experience (informal work, languages): always shown as self-reported, never as verified.</summary>
public sealed class SelfReportedExperience
{
    public Guid Id { get; set; }
    public Guid JobseekerId { get; set; }
    public string Kind { get; set; } = "work";
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A share link: the token is shown once; only its SHA-256 hash is stored.</summary>
public sealed class Share
{
    public Guid Id { get; set; }
    public Guid JobseekerId { get; set; }
    public string TokenHash { get; set; } = "";
    public string Label { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public List<ShareItem> Items { get; set; } = [];
}

public sealed class ShareItem
{
    public Guid Id { get; set; }
    public Guid ShareId { get; set; }
    public Guid CredentialId { get; set; }
}

/// <summary>One time a share link was opened (when, never who).</summary>
public sealed class ShareOpen
{
    public Guid Id { get; set; }
    public Guid ShareId { get; set; }
    public DateTime OpenedAt { get; set; }
}

/// <summary>An employer the organization works with (employers need no account to open a share link).</summary>
public sealed class Employer
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public string? ContactName { get; set; }
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
