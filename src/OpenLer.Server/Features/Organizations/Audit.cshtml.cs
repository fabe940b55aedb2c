using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>The organization's audit trail for admins, filtered by action, actor, record and date, newest first, 100 a page.</summary>
public sealed class AuditModel(AppDbContext db, AuditChain chain) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public List<AuditRecord> Records { get; private set; } = [];

    public Dictionary<string, string> StaffNames { get; private set; } = [];

    public bool HasMore { get; private set; }

    public AuditChainReport? Check { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task OnPostVerifyAsync()
    {
        Check = await chain.VerifyAsync(HttpContext.RequestAborted);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var org = User.OrganizationId();
        var query = db.Set<AuditRecord>().AsNoTracking().Where(r => r.OrganizationId == org);
        if (!string.IsNullOrWhiteSpace(Action) && Action.Length <= 48)
        {
            query = query.Where(r => r.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Actor) && Actor.Length <= 64)
        {
            query = query.Where(r => r.ActorId == Actor);
        }

        if (!string.IsNullOrWhiteSpace(Target) && Target.Length <= 64)
        {
            query = query.Where(r => r.TargetId == Target);
        }

        if (From is { } from)
        {
            var start = DateTime.SpecifyKind(from.Date, DateTimeKind.Utc);
            query = query.Where(r => r.At >= start);
        }

        if (To is { } to)
        {
            var end = DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc);
            query = query.Where(r => r.At < end);
        }

        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var rows = await query.OrderByDescending(r => r.Sequence).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasMore = rows.Count > PageSize;
        Records = [.. rows.Take(PageSize)];
        var ids = Records.Where(r => r.ActorKind == AuditActors.Staff).Select(r => r.ActorId).Distinct().ToList();
        StaffNames = await db.Users.AsNoTracking().Where(u => u.OrganizationId == org && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
    }
}
