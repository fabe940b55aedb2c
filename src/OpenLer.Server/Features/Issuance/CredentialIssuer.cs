using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Issues an Open Badges 3.0 OpenBadgeCredential for a completed enrollment, signed with eddsa-rdfc-2022 and carrying a
/// Bitstring Status List entry. Idempotent: one credential per enrollment (a unique index guards a double click).
/// </summary>
public sealed class CredentialIssuer(AppDbContext db, OrganizationKeys keys, StatusListPublisher statusLists, IOptions<DeploymentOptions> options, TimeProvider time, ILogger<CredentialIssuer> logger)
{
    public const string Cryptosuite = "eddsa-rdfc-2022";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const int StatusListSize = 131072;
    public static readonly string[] CefrLevels = ["A1", "A2", "B1", "B2", "C1", "C2"];

    /// <summary>Issues (or returns the already issued) credential of an enrollment of this organization; null when not found or not completed.</summary>
    public async Task<Outcome<IssuedCredential>> IssueAsync(Guid organizationId, Guid enrollmentId, CancellationToken cancellationToken = default)
    {
        var existing = await db.Credentials.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.EnrollmentId == enrollmentId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var enrollment = await db.Enrollments.Include(e => e.Program)
            .FirstOrDefaultAsync(e => e.OrganizationId == organizationId && e.Id == enrollmentId, cancellationToken);
        if (enrollment?.Program is null || enrollment.CompletedAt is null)
        {
            return Outcome.Error("NOT_COMPLETED", "The enrollment is not completed.");
        }

        var client = await db.Clients.Include(c => c.Jobseeker)
            .FirstAsync(c => c.OrganizationId == organizationId && c.Id == enrollment.ClientId, cancellationToken);
        var org = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var index = await FreeStatusIndexAsync(organizationId, cancellationToken);
        var record = new IssuedCredential
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            EnrollmentId = enrollment.Id,
            JobseekerId = client.JobseekerId,
            AchievementName = enrollment.Program.Name,
            IssuedAt = now,
            StatusPurpose = "revocation",
            StatusListNumber = 1,
            StatusListIndex = index,
        };

        var unsigned = Build(record, org, enrollment, client.Jobseeker!, now);
        var identity = keys.Identity(org);
        using (var key = keys.SigningKey(org))
        {
            var signer = new DataIntegritySigner(Cryptosuites.Default, time);
            var signed = signer.Sign(unsigned, key, new ProofOptions { Cryptosuite = Cryptosuite, VerificationMethod = identity.VerificationMethod });
            if (!signed.IsSuccess)
            {
                logger.LogError("Signing failed: {Code}", signed.Error.Code);
                return signed.Error;
            }

            record.Json = StrictJson.Serialize(signed.Value, indented: true);
        }

        db.Credentials.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request issued it first (unique enrollment index): return that one.
            db.Entry(record).State = EntityState.Detached;
            var winner = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.EnrollmentId == enrollmentId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }

        logger.LogInformation("Issued credential {CredentialId} for organization {OrganizationId}", record.Id, organizationId);
        return record;
    }

    /// <summary>Revokes a credential of this organization with a reason; false when not found.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid credentialId, string reason, CancellationToken cancellationToken = default)
    {
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.Id == credentialId, cancellationToken);
        if (credential is null)
        {
            return false;
        }

        if (credential.RevokedAt is null)
        {
            credential.RevokedAt = time.GetUtcNow().UtcDateTime;
            credential.RevocationReason = reason;
            await db.SaveChangesAsync(cancellationToken);
            await statusLists.PublishAsync(organizationId, credential.StatusPurpose, credential.StatusListNumber, cancellationToken);
            logger.LogInformation("Revoked credential {CredentialId}", credential.Id);
        }

        return true;
    }

    /// <summary>The URL of an organization's status list.</summary>
    public static string StatusListUrl(DeploymentOptions options, string slug, string purpose, int number) =>
        $"{options.BaseUrl}/orgs/{slug}/status/{purpose}/{number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A random free index (random allocation keeps a list from revealing issue order).</summary>
    private async Task<int> FreeStatusIndexAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var candidate = RandomNumberGenerator.GetInt32(StatusListSize);
            var taken = await db.Credentials.AnyAsync(c => c.OrganizationId == organizationId && c.StatusListNumber == 1 && c.StatusListIndex == candidate, cancellationToken);
            if (!taken)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The status list is full.");
    }

    private JsonObject Build(IssuedCredential record, Organization org, Enrollment enrollment, Jobseeker jobseeker, DateTime now)
    {
        var o = options.Value;
        var program = enrollment.Program!;
        var identity = keys.Identity(org);
        var achievementId = $"{o.BaseUrl}/orgs/{org.Slug}/programs/{program.Id}";
        var achievement = new JsonObject
        {
            ["id"] = achievementId,
            ["type"] = new JsonArray("Achievement"),
            ["name"] = program.Name,
            ["description"] = program.Description,
            ["criteria"] = new JsonObject { ["narrative"] = program.Criteria },
        };
        if (Uri.TryCreate(program.ImageUrl, UriKind.Absolute, out var image) && image.Scheme == Uri.UriSchemeHttps)
        {
            achievement["image"] = new JsonObject { ["id"] = image.AbsoluteUri, ["type"] = "Image" };
        }

        var skills = SkillCatalog.Parse(program.Alignments);
        if (skills.Count > 0)
        {
            achievement["alignment"] = new JsonArray([.. skills.Select(s => (JsonNode)new JsonObject
            {
                ["type"] = new JsonArray("Alignment"),
                ["targetName"] = s.Name,
                ["targetUrl"] = s.Url,
                ["targetCode"] = s.Code,
                ["targetFramework"] = s.Framework,
            })]);
        }

        var subject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["identifier"] = new JsonArray(HashedIdentifier(jobseeker.Contact)),
            ["achievement"] = achievement,
        };

        if (program.RecordsEnglishLevel && enrollment.EnglishLevel is { } level && CefrLevels.Contains(level))
        {
            var descriptionId = achievementId + "#english-level";
            achievement["resultDescription"] = new JsonArray(new JsonObject
            {
                ["id"] = descriptionId,
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = "English language level (CEFR)",
                ["resultType"] = "LetterGrade",
                ["allowedValue"] = new JsonArray([.. CefrLevels.Select(l => (JsonNode)l)]),
            });
            subject["result"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonArray("Result"),
                ["resultDescription"] = descriptionId,
                ["value"] = level,
            });
        }

        var statusUrl = StatusListUrl(o, org.Slug, record.StatusPurpose, record.StatusListNumber);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", ObContext),
            ["id"] = "urn:uuid:" + record.Id.ToString("D"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = program.Name,
            ["issuer"] = new JsonObject
            {
                ["id"] = identity.Did,
                ["type"] = new JsonArray("Profile"),
                ["name"] = org.Name,
            },
            ["validFrom"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
            ["credentialStatus"] = new JsonObject
            {
                ["id"] = statusUrl + "#" + record.StatusListIndex.ToString(CultureInfo.InvariantCulture),
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = record.StatusPurpose,
                ["statusListIndex"] = record.StatusListIndex.ToString(CultureInfo.InvariantCulture),
                ["statusListCredential"] = statusUrl,
            },
        };
        if (!string.IsNullOrWhiteSpace(enrollment.Evidence))
        {
            credential["evidence"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonArray("Evidence"),
                ["name"] = "Program completion",
                ["narrative"] = enrollment.Evidence,
            });
        }

        return credential;
    }

    /// <summary>OB 3.0 IdentityObject: the holder's contact as a salted SHA-256 hash (no personal data in the credential).</summary>
    private static JsonObject HashedIdentifier(string contact)
    {
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contact + salt)));
        return new JsonObject
        {
            ["type"] = "IdentityObject",
            ["identityHash"] = "sha256$" + hash,
            ["identityType"] = contact.Contains('@', StringComparison.Ordinal) ? "emailAddress" : "phoneNumber",
            ["hashed"] = true,
            ["salt"] = salt,
        };
    }
}
