using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The holder picks what a new link carries (credentials, the facts of their work authorization, self-reported entries),
/// sees exactly what the employer will see, then makes the link; and sees and stops their links.
/// </summary>
public sealed class IndexModel(AppDbContext db, ShareService shares, SelfReportedRecords selfReported, People people, AuditTrail audit,
    IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Label, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, List<DateTime> Opens,
        List<string> CredentialNames, IReadOnlyList<string>? WorkFacts, int Entries);

    public sealed record WorkCard(Guid Id, string Issuer, DateTime IssuedAt);

    public List<IssuedCredential> Credentials { get; private set; } = [];

    public List<WorkCard> WorkAuthorizations { get; private set; } = [];

    public List<(Guid Id, string Kind, string Text)> Entries { get; private set; } = [];

    public List<Row> Shares { get; private set; } = [];

    public DateTime Now { get; private set; }

    /// <summary>What the form shows as chosen (the defaults, or what was posted).</summary>
    public ShareChoice Choice { get; private set; } = new([], null, ShareService.DefaultFacts, [], ShareService.DefaultDays, "");

    /// <summary>Whether nothing was posted yet (then every credential and entry starts ticked, the work authorization not).</summary>
    public bool Fresh { get; private set; } = true;

    public ShareContents? Preview { get; private set; }

    public string HolderName { get; private set; } = "";

    public string? CreatedLink { get; private set; }

    public DateTime? CreatedExpiry { get; private set; }

    public Guid? CreatedId { get; private set; }

    public string? QrDataUri { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    private Dictionary<Guid, string> _issuers = [];

    /// <summary>The issuing organization's name, shown beside each credential (SECURITY.md PV-03: the issuer itself can reveal status).</summary>
    public string IssuerName(IssuedCredential credential) => _issuers.GetValueOrDefault(credential.OrganizationId, "");

    /// <summary>The page, with every credential ticked; from a credential's own page (<paramref name="credential"/>), with only that one.</summary>
    public async Task OnGetAsync(Guid? credential)
    {
        await LoadAsync();
        if (credential is { } chosen && Credentials.Any(c => c.Id == chosen))
        {
            Choice = Choice with { CredentialIds = [chosen] };
            Fresh = false;
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid[]? credentialIds, Guid? workAuthorizationId, string[]? facts, Guid[]? selfReportedIds, int? days, [TextField(TextLimits.Short)] string? label)
    {
        var choice = Read(credentialIds, workAuthorizationId, facts, selfReportedIds, days, label);
        var resolved = await shares.ResolveAsync(User.JobseekerId(), choice, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        if (!resolved.IsSuccess)
        {
            SetError(resolved.Error.Code);
        }
        else
        {
            Preview = resolved.Value;
            if (Preview.WorkAuthorization is not null && Preview.Facts.Any(WorkAuthorizationVocabulary.Sensitive.Contains))
            {
                await audit.RecordAsync(AuditActions.ProtectedReveal, "work-authorization", Preview.WorkAuthorization.Id, null, detail: "holder share preview",
                    cancellationToken: HttpContext.RequestAborted);
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid[]? credentialIds, Guid? workAuthorizationId, string[]? facts, Guid[]? selfReportedIds, int? days, [TextField(TextLimits.Short)] string? label)
    {
        var choice = Read(credentialIds, workAuthorizationId, facts, selfReportedIds, days, label);
        var created = await shares.CreateAsync(User.JobseekerId(), choice, HttpContext.RequestAborted);
        if (!created.IsSuccess)
        {
            SetError(created.Error.Code);
        }
        else
        {
            CreatedLink = options.Value.BaseUrl + "/s/" + created.Value.Token;
            CreatedExpiry = created.Value.Share.ExpiresAt;
            CreatedId = created.Value.Share.Id;
            QrDataUri = ShareQr.DataUri(CreatedLink);
            Fresh = true;
            Choice = new([], null, ShareService.DefaultFacts, [], ShareService.DefaultDays, "");
        }

        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid shareId)
    {
        return await shares.RevokeAsync(User.JobseekerId(), shareId, HttpContext.RequestAborted) ? Redirect("/sharing") : NotFound();
    }

    private ShareChoice Read(Guid[]? credentialIds, Guid? workAuthorizationId, string[]? facts, Guid[]? selfReportedIds, int? days, string? label)
    {
        Fresh = false;
        Choice = new ShareChoice(credentialIds ?? [], workAuthorizationId, [.. (facts ?? []).Where(f => !string.IsNullOrWhiteSpace(f))], selfReportedIds ?? [],
            days ?? ShareService.DefaultDays,
            (label ?? "")[..Math.Min((label ?? "").Length, ShareService.LabelMaxLength)]);
        return Choice;
    }

    private void SetError(string code)
    {
        (Error, ErrorField) = code switch
        {
            "NO_FACTS" => (L.Key("Choose at least one fact of your work authorization to share, or leave the work authorization out."), "facts"),
            "UNKNOWN_FACT" => (L.Key("That fact is not part of your work authorization."), "facts"),
            "NOT_OWNED" => (L.Key("Something you chose is no longer in your wallet. Choose again."), null),
            _ => (L.Key("Choose at least one thing to share."), null),
        };
    }

    private async Task LoadAsync()
    {
        var owner = User.JobseekerId();
        Now = time.GetUtcNow().UtcDateTime;
        var jobseeker = await db.Jobseekers.AsNoTracking().FirstAsync(j => j.Id == owner);
        HolderName = people.Name(jobseeker);
        Credentials = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == owner && c.RevokedAt == null && c.SourceCredentialId == null).OrderBy(c => c.IssuedAt).ToListAsync();
        var organizations = Credentials.Select(c => c.OrganizationId).Distinct().ToList();
        _issuers = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var work = await db.Set<IssuedWorkAuthorization>().AsNoTracking()
            .Where(c => c.JobseekerId == owner && c.RevokedAt == null && c.SdJwtCipher != null).OrderByDescending(c => c.IssuedAt).ToListAsync();
        var orgIds = work.Select(w => w.OrganizationId).ToList();
        var orgNames = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        WorkAuthorizations = [.. work.Select(w => new WorkCard(w.Id, orgNames.GetValueOrDefault(w.OrganizationId, ""), w.IssuedAt))];
        var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == owner).OrderBy(e => e.CreatedAt).ToListAsync();
        Entries = [.. entries.Select(e => (e.Id, e.Kind, selfReported.Description(e)))];
        var list = await db.Shares.AsNoTracking().Include(s => s.Items).Where(s => s.JobseekerId == owner).OrderByDescending(s => s.CreatedAt).ToListAsync();
        var ids = list.Select(s => s.Id).ToList();
        var opens = await db.ShareOpens.AsNoTracking().Where(o => ids.Contains(o.ShareId)).ToListAsync();
        var names = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == owner).ToDictionaryAsync(c => c.Id, c => c.AchievementName);
        Shares = [.. list.Select(s => new Row(s.Id, shares.Label(s), s.CreatedAt, s.ExpiresAt, s.RevokedAt,
            [.. opens.Where(o => o.ShareId == s.Id).Select(o => o.OpenedAt).OrderByDescending(d => d)],
            [.. s.Items.Where(i => i.Kind == ShareItemKinds.Credential && i.CredentialId is { } id && names.ContainsKey(id)).Select(i => names[i.CredentialId!.Value])],
            s.Items.FirstOrDefault(i => i.Kind == ShareItemKinds.WorkAuthorization)?.Facts?.Split(','),
            s.Items.Count(i => i.Kind == ShareItemKinds.SelfReported)))];
    }
}
