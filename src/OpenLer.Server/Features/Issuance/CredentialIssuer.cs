using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Issues an Open Badges 3.0 OpenBadgeCredential for a completed enrollment, signed with eddsa-rdfc-2022 and carrying a
/// Bitstring Status List entry. Idempotent: one credential per enrollment (a unique index guards a double click).
/// </summary>
public sealed class CredentialIssuer(AppDbContext db, OrganizationKeys keys, StatusListPublisher statusLists, StatusIndexAllocator allocator, CaseRecords records, WalletKeys walletKeys,
    AuditTrail audit, IOptions<DeploymentOptions> options, TimeProvider time, ILogger<CredentialIssuer> logger)
{
    public const string Cryptosuite = "eddsa-rdfc-2022";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const int StatusListSize = StatusIndexAllocator.ListSize;
    public const string StatusPurpose = "revocation";
    public static readonly string[] CefrLevels = [.. CefrScale.Levels.Select(l => l.Code)];

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

        var client = await db.Clients.FirstAsync(c => c.OrganizationId == organizationId && c.Id == enrollment.ClientId, cancellationToken);
        if (client.JobseekerId is not { } jobseekerId || client.Link is not (ClientLinks.Created or ClientLinks.Linked))
        {
            return Outcome.Error("NOT_LINKED", "The person has not accepted this organization's invitation yet.");
        }

        var org = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        var signingKey = await keys.ActiveKeyAsync(organizationId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var slot = (await allocator.AllocateAsync(signingKey, StatusPurpose, 1, cancellationToken))[0];
        var record = new IssuedCredential
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            EnrollmentId = enrollment.Id,
            JobseekerId = jobseekerId,
            AchievementName = enrollment.Program.Name,
            IssuedAt = now,
            StatusPurpose = StatusPurpose,
            StatusListNumber = slot.ListNumber,
            StatusListIndex = slot.Index,
            SigningKeyId = signingKey.Id,
        };

        // The subject is a did:key of a fresh key the person's wallet keeps: nothing about the person, nothing linkable.
        var holder = walletKeys.Create(jobseekerId, record.Id);
        record.HolderDid = holder.Did;
        var identity = keys.Identity(org, signingKey);
        var unsigned = Build(record, org, enrollment, records.Evidence(enrollment), identity, holder.Did, now);
        using (var key = keys.SigningKey(signingKey))
        {
            var signer = new DataIntegritySigner(Cryptosuites.Default, time);
            var signed = signer.Sign(unsigned, key, new ProofOptions { Cryptosuite = Cryptosuite, VerificationMethod = identity.VerificationMethod });
            if (!signed.IsSuccess)
            {
                logger.LogError("Signing failed: {Code}", signed.Error.Code);
                return signed.Error;
            }

            records.SetCredentialJson(record, StrictJson.Serialize(signed.Value, indented: true));
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

        await audit.RecordAsync(AuditActions.CredentialIssued, "credential", record.Id, organizationId, cancellationToken: cancellationToken);
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
            records.SetRevocationReason(credential, reason);
            await db.SaveChangesAsync(cancellationToken);
            await statusLists.PublishAsync(organizationId, credential.StatusPurpose, credential.StatusListNumber, cancellationToken);
            await audit.RecordAsync(AuditActions.CredentialRevoked, "credential", credential.Id, organizationId, cancellationToken: cancellationToken);
            logger.LogInformation("Revoked credential {CredentialId}", credential.Id);
        }

        return true;
    }

    /// <summary>The URL of an organization's status list.</summary>
    public static string StatusListUrl(DeploymentOptions options, string slug, string purpose, int number) =>
        new StatusListAddress(slug, purpose, number).Url(options);

    /// <summary>The unsigned credential of a record (its id, status slot and holder set); touches no database, so bulk issuance builds many at once.</summary>
    internal JsonObject Build(IssuedCredential record, Organization org, Enrollment enrollment, string? evidence, IssuerIdentity identity, string holderDid, DateTime now)
    {
        var o = options.Value;
        var program = enrollment.Program!;
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
            achievement["alignment"] = new JsonArray([.. skills.Select(s => (JsonNode)s.Json.DeepClone())]);
        }

        var subject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["id"] = holderDid,
            ["achievement"] = achievement,
        };

        if (program.RecordsEnglishLevel && enrollment.EnglishLevel is { } level && CefrScale.Find(level) is not null)
        {
            var descriptionId = achievementId + "/results/english";
            achievement["resultDescription"] = new JsonArray(CefrScale.ResultDescription(descriptionId, "English language level (CEFR)"));
            subject["result"] = new JsonArray(CefrScale.Result(descriptionId, level).Value);
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
        if (evidence is { Length: > 0 })
        {
            credential["evidence"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonArray("Evidence"),
                ["name"] = "Program completion",
                ["narrative"] = evidence,
            });
        }

        return credential;
    }
}
