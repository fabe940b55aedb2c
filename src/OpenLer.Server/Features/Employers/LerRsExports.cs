using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.LerRs;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Wallet;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// An applicant's shared record as an HR Open Standards LER-RS document (the library's <see cref="LerRsExport"/>: LER-RS V2
/// release candidate of 2025-05-09, HR Open 4.5; docs/adr/ler-rs-export.md): only what the applicant shared with this
/// application: the name they chose, the contact if they gave one, the credentials of the application's share as shared
/// (each marked verified or not by the check made now), the skills they report (marked self-reported) and, if they chose,
/// their self-reported work. Each document is validated against the embedded schema before it leaves.
/// </summary>
public sealed class LerRsExports(AppDbContext db, EmployerRecords records, SelfReportedRecords selfReported)
{
    public async Task<Outcome<JsonObject>> BuildAsync(ApplicantEvidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var application = evidence.Application;
        var contact = records.Contact(application);
        var experience = application.ShareExperience && evidence.ShareState == ShareState.Open
            ? (await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == application.JobseekerId && e.Kind == "work").OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken))
                .Select(e => new Credentials.LerRs.SelfReportedExperience(selfReported.Description(e))).ToList()
            : [];
        var record = new SharedRecord
        {
            DisplayName = records.DisplayName(application),
            Email = contact is not null && contact.Contains('@', StringComparison.Ordinal) ? contact : null,
            Phone = contact is not null && !contact.Contains('@', StringComparison.Ordinal) ? contact : null,
            Credentials = [.. evidence.Credentials.Select(c => new SharedCredential(
                JsonNode.Parse(c.Json)!, c.Result.Credential?.Document ?? JsonNode.Parse(c.Json)!.AsObject(), c.Result.Credential?.Format ?? "ldp_vc",
                c.Result.Verified, c.CredentialId.ToString("D")))],
            SelfReportedSkills = evidence.SelfReported,
            Experience = experience,
        };
        var document = LerRsExport.Build(record, "urn:uuid:" + application.Id.ToString("D"));
        return LerRsExport.Validate(document) is { } invalid ? invalid : document;
    }
}
