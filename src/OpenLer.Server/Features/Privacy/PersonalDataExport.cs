using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Json;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Privacy;

/// <summary>
/// Everything this deployment holds about a person, for them to download: a ZIP with <c>my-data.json</c> (their account,
/// what each organization recorded about them including the protected work-authorization fields, consents, credentials,
/// self-reported entries, share links and their openings, sessions, notices, their holder keys' identifiers and the audit
/// records about them) and their credentials as files. Private holder keys are not included (anyone holding the file
/// could then present the credentials as the person). Each download is audited.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, People people, CaseRecords caseRecords, WorkAuthorizationRecords workRecords,
    WorkAuthorizationIssuer workIssuer, SelfReportedRecords selfReported, ShareService shares, AuditTrail audit, TimeProvider time)
{
    public async Task<byte[]?> BuildAsync(Guid jobseekerId, CancellationToken cancellationToken = default)
    {
        var jobseeker = await db.Jobseekers.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobseekerId, cancellationToken);
        if (jobseeker is null)
        {
            return null;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var contact = people.ContactOf(jobseeker);
        var data = new JsonObject
        {
            ["exportedAt"] = Time(time.GetUtcNow().UtcDateTime),
            ["account"] = new JsonObject
            {
                ["id"] = jobseeker.Id.ToString("D"),
                ["name"] = people.Name(jobseeker),
                ["contact"] = contact?.Value,
                ["contactKind"] = jobseeker.ContactKind,
                ["language"] = jobseeker.Language,
                ["notifications"] = jobseeker.Notifications,
                ["createdAt"] = Time(jobseeker.CreatedAt),
                ["claimedAt"] = Time(jobseeker.ClaimedAt),
                ["lastSignInAt"] = Time(jobseeker.LastSignInAt),
            },
        };

        var clients = await db.Clients.AsNoTracking().Where(c => c.JobseekerId == jobseekerId).ToListAsync(cancellationToken);
        var orgIds = clients.Select(c => c.OrganizationId).ToList();
        var orgNames = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var organizations = new JsonArray();
        foreach (var client in clients)
        {
            var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program).Where(e => e.OrganizationId == client.OrganizationId && e.ClientId == client.Id)
                .ToListAsync(cancellationToken);
            var consents = await db.Set<ProtectedDataConsent>().AsNoTracking().Where(c => c.OrganizationId == client.OrganizationId && c.ClientId == client.Id)
                .OrderBy(c => c.RecordedAt).ToListAsync(cancellationToken);
            var record = await workRecords.FindAsync(client.OrganizationId, client.Id, cancellationToken);
            organizations.Add(new JsonObject
            {
                ["organization"] = orgNames.GetValueOrDefault(client.OrganizationId),
                ["link"] = client.Link,
                ["since"] = Time(client.CreatedAt),
                ["nameTheyRecorded"] = caseRecords.ClientName(client),
                ["contactTheyRecorded"] = caseRecords.ClientContact(client),
                ["programs"] = new JsonArray([.. enrollments.Select(e => (JsonNode)new JsonObject
                {
                    ["program"] = e.Program?.Name,
                    ["cohort"] = e.Cohort,
                    ["enrolledAt"] = Time(e.EnrolledAt),
                    ["completedAt"] = Time(e.CompletedAt),
                    ["evidence"] = caseRecords.Evidence(e),
                    ["englishLevel"] = e.EnglishLevel,
                })]),
                ["consents"] = new JsonArray([.. consents.Select(c => (JsonNode)new JsonObject
                {
                    ["what"] = c.Scope,
                    ["why"] = c.Purpose,
                    ["text"] = c.TextVersion,
                    ["language"] = c.Language,
                    ["recordedAt"] = Time(c.RecordedAt),
                    ["withdrawnAt"] = Time(c.WithdrawnAt),
                })]),
                ["workAuthorization"] = record is null ? null : record.ErasedAt is not null
                    ? new JsonObject { ["erasedAt"] = Time(record.ErasedAt), ["reason"] = record.ErasedReason }
                    : Facts(workRecords.Read(record), record),
            });
        }

        data["organizations"] = organizations;

        var credentials = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == jobseekerId).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        data["credentials"] = new JsonArray([.. credentials.Select(c =>
        {
            var file = $"credentials/{c.Id:N}.json";
            files[file] = caseRecords.CredentialJson(c);
            return (JsonNode)new JsonObject
            {
                ["id"] = c.Id.ToString("D"),
                ["name"] = c.AchievementName,
                ["issuer"] = orgNames.GetValueOrDefault(c.OrganizationId),
                ["issuedAt"] = Time(c.IssuedAt),
                ["revokedAt"] = Time(c.RevokedAt),
                ["file"] = file,
            };
        })]);
        var work = await db.Set<IssuedWorkAuthorization>().AsNoTracking().Where(c => c.JobseekerId == jobseekerId).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        data["workAuthorizationCredentials"] = new JsonArray([.. work.Select(c =>
        {
            var file = $"credentials/work-authorization-{c.Id:N}.sd-jwt";
            if (workIssuer.SdJwt(c) is { } sdJwt)
            {
                files[file] = sdJwt;
            }

            return (JsonNode)new JsonObject
            {
                ["id"] = c.Id.ToString("D"),
                ["issuer"] = orgNames.GetValueOrDefault(c.OrganizationId),
                ["issuedAt"] = Time(c.IssuedAt),
                ["revokedAt"] = Time(c.RevokedAt),
                ["file"] = files.ContainsKey(file) ? file : null,
            };
        })]);

        var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == jobseekerId).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        data["selfReported"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["kind"] = e.Kind,
            ["text"] = selfReported.Description(e),
            ["createdAt"] = Time(e.CreatedAt),
        })]);

        var shareList = await db.Shares.AsNoTracking().Include(s => s.Items).Where(s => s.JobseekerId == jobseekerId).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var shareIds = shareList.Select(s => s.Id).ToList();
        var opens = await db.ShareOpens.AsNoTracking().Where(o => shareIds.Contains(o.ShareId)).ToListAsync(cancellationToken);
        data["shares"] = new JsonArray([.. shareList.Select(s => (JsonNode)new JsonObject
        {
            ["label"] = shares.Label(s),
            ["createdAt"] = Time(s.CreatedAt),
            ["expiresAt"] = Time(s.ExpiresAt),
            ["stoppedAt"] = Time(s.RevokedAt),
            ["carries"] = new JsonArray([.. s.Items.Select(i => (JsonNode)new JsonObject
            {
                ["kind"] = i.Kind,
                ["id"] = (i.CredentialId ?? i.SelfReportedId)?.ToString("D"),
                ["facts"] = i.Facts,
            })]),
            ["openedAt"] = new JsonArray([.. opens.Where(o => o.ShareId == s.Id).OrderBy(o => o.OpenedAt).Select(o => (JsonNode?)Time(o.OpenedAt))]),
        })]);

        var subject = jobseekerId.ToString("D");
        var sessions = await db.Set<UserSession>().AsNoTracking().Where(s => s.Kind == SessionKinds.Jobseeker && s.SubjectId == subject).ToListAsync(cancellationToken);
        data["sessions"] = new JsonArray([.. sessions.Select(s => (JsonNode)new JsonObject
        {
            ["device"] = s.Device,
            ["createdAt"] = Time(s.CreatedAt),
            ["lastSeenAt"] = Time(s.LastSeenAt),
        })]);
        var notices = await db.Set<AccountNotice>().AsNoTracking().Where(n => n.JobseekerId == jobseekerId).ToListAsync(cancellationToken);
        data["notices"] = new JsonArray([.. notices.Select(n => (JsonNode)new JsonObject
        {
            ["kind"] = n.Kind,
            ["organization"] = n.OrganizationId is { } o ? orgNames.GetValueOrDefault(o) : null,
            ["createdAt"] = Time(n.CreatedAt),
            ["seenAt"] = Time(n.SeenAt),
        })]);
        var keys = await db.Set<WalletKey>().AsNoTracking().Where(k => k.JobseekerId == jobseekerId).ToListAsync(cancellationToken);
        data["holderKeys"] = new JsonObject
        {
            ["note"] = "Your wallet's private keys are not in this file: anyone holding them could present your credentials as you.",
            ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["did"] = k.Did, ["credentialId"] = k.CredentialId?.ToString("D"), ["createdAt"] = Time(k.CreatedAt) })]),
        };

        // Audit records about the person: what they did, and what was done to their records.
        var targets = new List<string> { subject };
        targets.AddRange(clients.Select(c => c.Id.ToString("D")));
        targets.AddRange(credentials.Select(c => c.Id.ToString("D")));
        targets.AddRange(work.Select(c => c.Id.ToString("D")));
        targets.AddRange(shareIds.Select(id => id.ToString("D")));
        var recordIds = await db.Set<WorkAuthorizationRecord>().AsNoTracking().Where(r => clients.Select(c => c.Id).Contains(r.ClientId)).Select(r => r.Id).ToListAsync(cancellationToken);
        targets.AddRange(recordIds.Select(id => id.ToString("D")));
        var trail = await db.Set<AuditRecord>().AsNoTracking()
            .Where(r => (r.ActorKind == AuditActors.Jobseeker && r.ActorId == subject) || (r.TargetId != null && targets.Contains(r.TargetId)))
            .OrderBy(r => r.Sequence).Take(5000).ToListAsync(cancellationToken);
        data["auditRecords"] = new JsonArray([.. trail.Select(r => (JsonNode)new JsonObject
        {
            ["at"] = Time(r.At),
            ["who"] = r.ActorKind,
            ["organization"] = r.OrganizationId is { } o ? orgNames.GetValueOrDefault(o) : null,
            ["action"] = r.Action,
            ["record"] = r.TargetKind,
            ["outcome"] = r.Outcome,
            ["detail"] = r.Detail,
        })]);

        await audit.RecordAsync(AuditActions.Export, "jobseeker", jobseekerId, null, detail: "personal data", cancellationToken: cancellationToken);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "my-data.json", StrictJson.Serialize(data, indented: true));
            foreach (var (name, content) in files)
            {
                Add(zip, name, content);
            }
        }

        return buffer.ToArray();
    }

    private static JsonObject Facts(WorkAuthorizationFacts facts, WorkAuthorizationRecord record) => new()
    {
        ["statusCategory"] = facts.StatusCategory,
        ["documentType"] = facts.DocumentType,
        ["eadCategory"] = facts.EadCategory,
        ["documentNumber"] = facts.DocumentNumber,
        ["aNumber"] = facts.ANumber,
        ["validUntil"] = facts.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no end date",
        ["seenOn"] = facts.SeenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["recordedAt"] = Time(record.RecordedAt),
    };

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static string? Time(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
