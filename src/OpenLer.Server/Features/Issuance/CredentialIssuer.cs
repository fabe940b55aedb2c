using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Issues an Open Badges 3.0 OpenBadgeCredential for a completed enrollment, signed with eddsa-rdfc-2022 and carrying a
/// Bitstring Status List entry. Idempotent: one credential per enrollment (a unique index guards a double click).
/// </summary>
public sealed class CredentialIssuer(AppDbContext db, OrganizationKeys keys, StatusListPublisher statusLists, StatusIndexAllocator allocator, CaseRecords records, WalletKeys walletKeys,
    PersonNotices notices, AuditTrail audit, IOptions<DeploymentOptions> options, TimeProvider time, ILogger<CredentialIssuer> logger)
{
    /// <summary>The cryptosuite of the organization's key, for its credentials as for its status lists.</summary>
    public const string Cryptosuite = StatusListPublisher.Cryptosuite;
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string StatusPurpose = "revocation";
    public static readonly string[] CefrLevels = [.. CefrScale.Levels.Select(l => l.Code)];

    /// <summary>Issues (or returns the already issued) credential of an enrollment of this organization; null when not found or not completed.</summary>
    public async Task<Outcome<IssuedCredential>> IssueAsync(Guid organizationId, Guid enrollmentId, CancellationToken cancellationToken = default)
    {
        var existing = await db.Credentials.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.EnrollmentId == enrollmentId && c.SourceCredentialId == null, cancellationToken);
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

        var record = new IssuedCredential { Id = Guid.NewGuid(), OrganizationId = organizationId, EnrollmentId = enrollment.Id, JobseekerId = jobseekerId };

        // The subject is a did:key of a fresh key the person's wallet keeps: nothing about the person, nothing linkable.
        var holder = walletKeys.Create(jobseekerId, record.Id);
        var signed = await SignAsync(record, enrollment, holder.Did, CredentialFormatNames.LdpVc, cancellationToken);
        if (!signed.IsSuccess)
        {
            return signed.Error;
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
            var winner = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.EnrollmentId == enrollmentId && c.SourceCredentialId == null, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }

        await audit.RecordAsync(AuditActions.CredentialIssued, "credential", record.Id, organizationId, cancellationToken: cancellationToken);
        logger.LogInformation("Issued credential {CredentialId} for organization {OrganizationId}", record.Id, organizationId);
        var organization = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        await notices.CredentialIssuedAsync(jobseekerId, organization, record.AchievementName, cancellationToken);
        return record;
    }

    /// <summary>
    /// Issues a copy of one of the person's wallet credentials to another wallet: the same achievement, evidence and results,
    /// its subject the DID that wallet proved it holds (OpenID4VCI key proof, VC-API DID authentication), a status entry of
    /// its own, secured as <paramref name="format"/> (ldp_vc with eddsa-rdfc-2022, or jwt_vc_json). At most one per offer
    /// (a unique index): a second attempt for the same offer is refused, never issued twice. The caller owns the transaction.
    /// </summary>
    public async Task<Outcome<IssuedCredential>> IssueToWalletAsync(IssuedCredential source, string subjectDid, string format, Guid offerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(subjectDid);
        if (source.SourceCredentialId is not null || source.RevokedAt is not null)
        {
            return Outcome.Error("NOT_DELIVERABLE", "Only a wallet credential that is not revoked can be given to another wallet.");
        }

        if (format is not (CredentialFormatNames.LdpVc or CredentialFormatNames.JwtVcJson))
        {
            return Outcome.Error("UNSUPPORTED_FORMAT", "This credential is issued as ldp_vc or jwt_vc_json.");
        }

        var enrollment = await db.Enrollments.Include(e => e.Program)
            .FirstOrDefaultAsync(e => e.OrganizationId == source.OrganizationId && e.Id == source.EnrollmentId, cancellationToken);
        if (enrollment?.Program is null || enrollment.CompletedAt is null)
        {
            return Outcome.Error("NOT_COMPLETED", "The enrollment is not completed.");
        }

        var record = new IssuedCredential
        {
            Id = Guid.NewGuid(),
            OrganizationId = source.OrganizationId,
            EnrollmentId = source.EnrollmentId,
            JobseekerId = source.JobseekerId,
            SourceCredentialId = source.Id,
            OfferId = offerId,
        };
        var signed = await SignAsync(record, enrollment, subjectDid, format, cancellationToken);
        if (!signed.IsSuccess)
        {
            return signed.Error;
        }

        db.Credentials.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached;
            return Outcome.Error("ALREADY_DELIVERED", "This offer has already delivered its credential.");
        }

        await audit.RecordAsync(AuditActions.CredentialIssued, "credential", record.Id, source.OrganizationId, detail: "copy of " + source.Id.ToString("D") + " as " + format, cancellationToken: cancellationToken);
        logger.LogInformation("Issued credential {CredentialId} (copy of {SourceId}, {Format}) to another wallet", record.Id, source.Id, format);
        return record;
    }

    /// <summary>Fills the record (status entry, signing key, subject) and stores the secured credential in it, encrypted.</summary>
    private async Task<Outcome<string>> SignAsync(IssuedCredential record, Enrollment enrollment, string subjectDid, string format, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.FirstAsync(o => o.Id == record.OrganizationId, cancellationToken);
        var signingKey = await keys.ActiveKeyAsync(record.OrganizationId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        record.AchievementName = org.PracticeOf is null ? enrollment.Program!.Name : PracticeNames.CredentialName(enrollment.Program!.Name);
        record.IssuedAt = now;
        var slot = (await allocator.AllocateAsync(signingKey, StatusPurpose, 1, cancellationToken))[0];
        record.StatusPurpose = StatusPurpose;
        record.StatusListNumber = slot.ListNumber;
        record.StatusListIndex = slot.Index;
        record.SigningKeyId = signingKey.Id;
        record.HolderDid = subjectDid;
        record.Format = format;
        var identity = keys.Identity(org, signingKey);
        var unsigned = Build(record, org, enrollment, records.Evidence(enrollment), identity, subjectDid, now);
        using var key = keys.SigningKey(signingKey);
        Outcome<string> secured;
        if (format == CredentialFormatNames.JwtVcJson)
        {
            // VC 1.1 JWT encoding (VC DM 1.1 §6.3.1) of the same credential, as OpenID4VCI jwt_vc_json carries it.
            secured = VcJwt.Secure(unsigned, key, identity.VerificationMethod);
        }
        else
        {
            var signer = new DataIntegritySigner(Cryptosuites.Default, time);
            var signed = signer.Sign(unsigned, key, new ProofOptions { Cryptosuite = Cryptosuite, VerificationMethod = identity.VerificationMethod });
            secured = signed.IsSuccess ? StrictJson.Serialize(signed.Value, indented: true) : signed.Error;
        }

        if (!secured.IsSuccess)
        {
            logger.LogError("Signing failed: {Code}", secured.Error.Code);
            return secured.Error;
        }

        records.SetCredentialJson(record, secured.Value);
        return secured.Value;
    }

    /// <summary>Revokes a credential of this organization with a reason; false when not found.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid credentialId, string reason, CancellationToken cancellationToken = default)
    {
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.Id == credentialId, cancellationToken);
        if (credential is null)
        {
            return false;
        }

        // Copies given to other wallets are revoked with the credential they were made from.
        var copies = await db.Credentials.Where(c => c.OrganizationId == organizationId && c.SourceCredentialId == credential.Id && c.RevokedAt == null).ToListAsync(cancellationToken);
        var changed = copies.Prepend(credential).Where(c => c.RevokedAt is null).ToList();
        if (changed.Count > 0)
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var c in changed)
            {
                c.RevokedAt = now;
                records.SetRevocationReason(c, reason);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var list in changed.Select(c => (c.StatusPurpose, c.StatusListNumber)).Distinct())
            {
                await statusLists.PublishAsync(organizationId, list.StatusPurpose, list.StatusListNumber, cancellationToken);
            }

            foreach (var c in changed)
            {
                await audit.RecordAsync(AuditActions.CredentialRevoked, "credential", c.Id, organizationId, cancellationToken: cancellationToken);
            }

            logger.LogInformation("Revoked credential {CredentialId} and {Copies} copies", credential.Id, changed.Count - 1);
        }

        return true;
    }

    /// <summary>The unsigned credential of a record (its id, status slot and holder set); touches no database, so bulk issuance builds many at once.</summary>
    internal JsonObject Build(IssuedCredential record, Organization org, Enrollment enrollment, string? evidence, IssuerIdentity identity, string holderDid, DateTime now)
    {
        var o = options.Value;
        var program = enrollment.Program!;
        var achievementId = OrganizationAddresses.Achievement(o, org.Slug, program.Id);

        // A practice organization's credentials say so in their names and, for machines, in the achievement's tag (OB 3.0
        // §B.1.1 Achievement.tag, an array of strings: no new context term); see OpenBadges/PracticeMarker.
        var practice = org.PracticeOf is not null;
        var name = practice ? PracticeNames.CredentialName(program.Name) : program.Name;
        var achievement = new JsonObject
        {
            ["id"] = achievementId,
            ["type"] = new JsonArray("Achievement"),
            ["name"] = name,
            ["description"] = program.Description,
            ["criteria"] = new JsonObject { ["narrative"] = program.Criteria },
        };
        if (practice)
        {
            achievement["tag"] = new JsonArray(PracticeMarker.Tag);
        }

        // OB 3.0 §B.1.1 Achievement.image: an Image with an absolute id. The address staff typed (https only), else the
        // program's own badge, published beside the achievement id (Features/Badges).
        var image = Uri.TryCreate(program.ImageUrl, UriKind.Absolute, out var typed) && typed.Scheme == Uri.UriSchemeHttps
            ? typed.AbsoluteUri
            : BadgeAddress.Url(o, org.Slug, program.Id);
        achievement["image"] = new JsonObject { ["id"] = image, ["type"] = "Image" };

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

        var statusUrl = new StatusListAddress(org.Slug, record.StatusPurpose, record.StatusListNumber).Url(o);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", ObContext),
            ["id"] = "urn:uuid:" + record.Id.ToString("D"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = name,
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
