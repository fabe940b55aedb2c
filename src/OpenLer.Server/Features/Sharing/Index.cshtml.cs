using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;
using QRCoder;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Sharing;

public sealed class IndexModel(AppDbContext db, ShareService shares, IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Label, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, List<DateTime> Opens);

    public List<IssuedCredential> Credentials { get; private set; } = [];

    public List<Row> Shares { get; private set; } = [];

    public DateTime Now { get; private set; }

    public string? CreatedLink { get; private set; }

    public DateTime? CreatedExpiry { get; private set; }

    public string? QrDataUri { get; private set; }

    public string? Error { get; private set; }

    private Dictionary<Guid, string> _issuers = [];

    /// <summary>The issuing organization's name, shown beside each credential (SECURITY.md PV-03: the issuer itself can reveal status).</summary>
    public string IssuerName(IssuedCredential credential) => _issuers.GetValueOrDefault(credential.OrganizationId, "");

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(Guid[]? credentialIds, int? days, [TextField(TextLimits.Short)] string? label)
    {
        var created = await shares.CreateAsync(User.JobseekerId(), credentialIds ?? [], days ?? ShareService.DefaultDays, label ?? "", HttpContext.RequestAborted);
        if (created is null)
        {
            Error = L.Key("Choose at least one credential.");
        }
        else
        {
            CreatedLink = options.Value.BaseUrl + "/s/" + created.Value.Token;
            CreatedExpiry = created.Value.Share.ExpiresAt;
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(CreatedLink, QRCodeGenerator.ECCLevel.M);
            var png = new PngByteQRCode(data).GetGraphic(8);
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid shareId)
    {
        return await shares.RevokeAsync(User.JobseekerId(), shareId, HttpContext.RequestAborted) ? Redirect("/sharing") : NotFound();
    }

    private async Task LoadAsync()
    {
        var owner = User.JobseekerId();
        Now = time.GetUtcNow().UtcDateTime;
        Credentials = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == owner && c.RevokedAt == null).OrderBy(c => c.IssuedAt).ToListAsync();
        var organizations = Credentials.Select(c => c.OrganizationId).Distinct().ToList();
        _issuers = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var list = await db.Shares.AsNoTracking().Where(s => s.JobseekerId == owner).OrderByDescending(s => s.CreatedAt).ToListAsync();
        var ids = list.Select(s => s.Id).ToList();
        var opens = await db.ShareOpens.AsNoTracking().Where(o => ids.Contains(o.ShareId)).ToListAsync();
        Shares = [.. list.Select(s => new Row(s.Id, s.Label, s.CreatedAt, s.ExpiresAt, s.RevokedAt,
            [.. opens.Where(o => o.ShareId == s.Id).Select(o => o.OpenedAt).OrderByDescending(d => d)]))];
    }
}
