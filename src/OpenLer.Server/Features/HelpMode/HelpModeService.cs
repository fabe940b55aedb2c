using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// Help mode's use cases (issue 15): start (staff), consent (the client, on the device), the client's sign-in bound to it,
/// and the finish that ends the client's server-side session. Every step is in the audit trail with ids only.
/// </summary>
public sealed class HelpModeService(AppDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>Help mode, and the client's session inside it, end by themselves after this long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>The claim a jobseeker session started in help mode carries: the help session's id.</summary>
    public const string Claim = "openler:help";

    /// <summary>Starts help mode for a staff member's device; returns the session and the device token (never stored).</summary>
    public async Task<(HelpSession Session, string Token)> StartAsync(Guid organizationId, string staffUserId, Guid? clientId, string language,
        string? staffLanguage, CancellationToken cancellationToken = default)
    {
        var token = HelpModeCookie.NewToken();
        var now = time.GetUtcNow().UtcDateTime;
        var session = new HelpSession
        {
            Id = Guid.NewGuid(),
            TokenHash = HelpModeCookie.Hash(token),
            OrganizationId = organizationId,
            StaffUserId = staffUserId,
            ClientId = clientId,
            Language = language,
            StaffLanguage = staffLanguage,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Set<HelpSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.HelpModeStarted, clientId is null ? "help-session" : "client", clientId ?? session.Id, organizationId,
            detail: "help " + session.Id.ToString("D"), actor: (AuditActors.Staff, staffUserId), cancellationToken: cancellationToken);
        return (session, token);
    }

    /// <summary>
    /// The help session of a device token, whatever its state, with its organization's name, in one query (the gate asks
    /// on every request in help mode); (null, "") when there is none.
    /// </summary>
    public async Task<(HelpSession? Session, string OrganizationName)> FindWithOrganizationAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = HelpModeCookie.Hash(token);
        var found = await db.Set<HelpSession>().Where(h => h.TokenHash == hash)
            .Select(h => new { Session = h, Name = db.Set<Organization>().Where(o => o.Id == h.OrganizationId).Select(o => o.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return (found?.Session, found?.Name ?? "");
    }

    public Task<HelpSession?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<HelpSession>().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);

    /// <summary>Records the client's consent (shown in <paramref name="language"/>); only once, only while help mode is on.</summary>
    public async Task<bool> ConsentAsync(HelpSession session, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow().UtcDateTime;
        if (!session.IsActive(now) || session.ConsentedAt is not null)
        {
            return false;
        }

        session.ConsentedAt = now;
        session.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.HelpModeConsented, session.ClientId is null ? "help-session" : "client", session.ClientId ?? session.Id,
            session.OrganizationId, detail: $"help {session.Id:D}; language {language}", actor: (AuditActors.Staff, session.StaffUserId), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>The person signed in during help mode: remember their session (to end it at the finish) and record who and whom.</summary>
    public async Task BindAsync(HelpSession session, Guid jobseekerId, string? sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.JobseekerId = jobseekerId;
        session.JobseekerSessionId = sessionId;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.HelpModeSignedIn, "jobseeker", jobseekerId, session.OrganizationId,
            detail: "help " + session.Id.ToString("D"), actor: (AuditActors.Staff, session.StaffUserId), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Ends help mode: the person's server-side sessions opened in it (the bound one and <paramref name="currentSessionId"/>)
    /// are deleted, so a copied cookie no longer works; the help session can never be active again.
    /// </summary>
    public async Task FinishAsync(HelpSession session, string? currentSessionId, string outcome = AuditOutcomes.Ok, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.FinishedAt is not null)
        {
            return;
        }

        session.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        string?[] ids = [session.JobseekerSessionId, currentSessionId];
        var end = ids.OfType<string>().Distinct().ToList();
        if (end.Count > 0)
        {
            await db.Set<UserSession>().Where(s => s.Kind == SessionKinds.Jobseeker && end.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditActions.HelpModeFinished, session.JobseekerId is null ? "help-session" : "jobseeker", session.JobseekerId ?? session.Id,
            session.OrganizationId, outcome, "help " + session.Id.ToString("D"), (AuditActors.Staff, session.StaffUserId), cancellationToken);
    }

    /// <summary>A session opened in help mode was presented outside it (finished, expired, or another device): it is ended.</summary>
    public async Task EndStaleAsync(string helpClaim, Guid jobseekerId, string? sessionId, CancellationToken cancellationToken = default)
    {
        if (sessionId is not null)
        {
            await db.Set<UserSession>().Where(s => s.Kind == SessionKinds.Jobseeker && s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        }

        var help = Guid.TryParse(helpClaim, out var id) ? await FindAsync(id, cancellationToken) : null;
        await audit.RecordAsync(AuditActions.HelpModeStaleSession, "jobseeker", jobseekerId, help?.OrganizationId, AuditOutcomes.Denied,
            "help " + (help?.Id.ToString("D") ?? "unknown"), (AuditActors.Jobseeker, jobseekerId.ToString("D")), cancellationToken);
    }
}
