using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Matching;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// Ranks a vacancy's applicants with the library's engine (issue 12's rule: evidence 1 for a skill a shared credential that
/// verifies now aligns to, 0.5 when only self-reported, 0 otherwise; weights 3/2/1; score round(100·Σw·e/Σw, 1); applicants
/// missing a must-have after all others; ties by score, verified skills, application time). Every shared credential is
/// verified now with the deployment verifier (genuine, trusted issuer, not revoked, not expired); one that does not verify
/// counts for nothing. The profile handed to the engine holds the application id, time, evidence and self-reported codes
/// only: never a name, contact, nationality, language of origin or protected data; for a job that requires work
/// authorization, also the verified yes/no the applicant chose to disclose (nothing else of it).
/// </summary>
public sealed class ApplicantMatching(AppDbContext db, ShareService shares, SharedWorkAuthorization workAuthorization, CaseRecords caseRecords, DeploymentVerifier verifier,
    EmployerRecords records)
{
    /// <summary>The evidence of one application (one found through the employer's scope); <paramref name="recordOpen"/> records an opening of its share.</summary>
    public async Task<ApplicantEvidence> EvidenceAsync(JobApplication application, bool recordOpen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var (state, share, credentials) = application.ShareId is { } shareId
            ? await shares.ReadAsync(shareId, recordOpen, cancellationToken)
            : (ShareState.NotFound, null, []);
        var checks = new List<SharedCredentialCheck>();
        var evidence = new List<CredentialEvidence>();
        foreach (var credential in credentials.Where(c => c.JobseekerId == application.JobseekerId))
        {
            var json = caseRecords.CredentialJson(credential);
            var result = await verifier.VerifyAsync(json, cancellationToken);
            var document = result.Credential?.Document ?? JsonNode.Parse(json) as JsonObject ?? [];
            var alignments = AlignmentExtractor.Extract(document);
            var fallback = credential.Id.ToString("D");
            checks.Add(new SharedCredentialCheck(credential.Id, alignments.CredentialId ?? fallback, credential.AchievementName,
                credential.Organization?.Name ?? CredentialFields.IssuerId(document) ?? "", json, result));
            evidence.Add(alignments.ToEvidence(result.Verified, fallback));
        }

        var selfReported = records.SelfReported(application);
        var work = application.WorkAuthorizationAsked ? await DisclosedWorkAuthorizationAsync(application, share, cancellationToken) : null;
        var profile = ApplicantProfile.Create(application.Id.ToString("D"), new DateTimeOffset(application.AppliedAt ?? application.CreatedAt, TimeSpan.Zero),
            evidence, selfReported, work?.Disclosed);
        return new ApplicantEvidence(application, state, checks, selfReported, profile, work);
    }

    /// <summary>
    /// The work-authorization answer the applicant disclosed with this application: its share's work-authorization
    /// presentation verified now exactly as the share page verifies it (<see cref="SharedWorkAuthorization"/>: signature,
    /// key binding with this link's nonce and audience, Token Status List, expiry, trusted issuer). Yes or no only when it
    /// verifies and discloses authorized_to_work; not verified otherwise; not disclosed when the share (open, the
    /// applicant's own) carries none.
    /// </summary>
    private async Task<ApplicantWorkAuthorization> DisclosedWorkAuthorizationAsync(JobApplication application, Share? share, CancellationToken cancellationToken)
    {
        if (share is null || share.JobseekerId != application.JobseekerId)
        {
            return ApplicantWorkAuthorization.NotDisclosed;
        }

        var presented = await workAuthorization.VerifyAsync(share, cancellationToken);
        if (presented.Count == 0)
        {
            return ApplicantWorkAuthorization.NotDisclosed;
        }

        // One item per share (the apply page makes one); should there be more, every one must verify and agree.
        var answers = presented.Select(p => ApplicantWorkAuthorization.From(p.Result, p.AuthorizedToWork, p.ValidUntil)).ToList();
        return answers.FirstOrDefault(a => a.Answer == WorkAuthorizationAnswer.NotVerified)
            ?? answers.FirstOrDefault(a => a.Answer == WorkAuthorizationAnswer.No)
            ?? answers.FirstOrDefault(a => a.Answer == WorkAuthorizationAnswer.NotDisclosed)
            ?? answers[0];
    }

    /// <summary>The vacancy's submitted applications, ranked and explained; an error when the vacancy has no valid skills yet.</summary>
    public async Task<Outcome<IReadOnlyList<RankedApplicant>>> RankAsync(JobVacancy vacancy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var matching = Vacancies.ForMatching(vacancy);
        if (!matching.IsSuccess)
        {
            return matching.Error;
        }

        var applications = await db.Set<JobApplication>().AsNoTracking()
            .Where(a => a.VacancyId == vacancy.Id && a.CompanyId == vacancy.CompanyId && a.Stage == ApplicationStages.Applied)
            .ToListAsync(cancellationToken);
        var evidence = new Dictionary<string, ApplicantEvidence>(StringComparer.Ordinal);
        foreach (var application in applications)
        {
            var found = await EvidenceAsync(application, recordOpen: false, cancellationToken);
            evidence[found.Profile.ApplicationId] = found;
        }

        var ranking = ApplicantIndex.Build(evidence.Values.Select(e => e.Profile)).Rank(matching.Value);
        var ranked = new List<RankedApplicant>(ranking.Count);
        for (var rank = 0; rank < ranking.Count; rank++)
        {
            var match = ranking.Explain(rank);
            var found = evidence[match.ApplicationId];
            ranked.Add(new RankedApplicant(rank + 1, records.DisplayName(found.Application), match, found));
        }

        return ranked;
    }

    /// <summary>One application's explained match for its vacancy.</summary>
    public static Outcome<ApplicantMatch> Explain(JobVacancy vacancy, ApplicantEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Vacancies.ForMatching(vacancy).Map(v => SkillMatcher.Score(v, evidence.Profile));
    }
}
