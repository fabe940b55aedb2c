using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// One request of the organization: its link and QR while it waits, and the answer shown like a share page (each credential
/// verified, its notes beside it, every check). Viewing an answer is audited.
/// </summary>
[Authorize(Policy = AppClaims.StaffPolicy)]
public sealed class DetailModel(AppDbContext db, VerifierRequests requests, PresentationAddresses addresses, AuditTrail audit) : PageModel
{
    public sealed record Item(PresentedItem Presented, CredentialView? View, VerificationResult Result);

    [FromRoute]
    public Guid Id { get; set; }

    public PresentationRequest Stored { get; private set; } = null!;

    public string? Employer { get; private set; }

    public string? InteractionUrl { get; private set; }

    public string? Qr { get; private set; }

    public string? Message { get; private set; }

    public PresentationOutcome? Outcome { get; private set; }

    public List<Item> Items { get; private set; } = [];

    public IReadOnlyList<string> Asked { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        var org = User.OrganizationId();
        var request = await db.Set<PresentationRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id && r.OrganizationId == org);
        if (request is null)
        {
            return NotFound();
        }

        Stored = request;
        Employer = request.EmployerId is null ? null : await db.Employers.AsNoTracking().Where(e => e.Id == request.EmployerId).Select(e => e.Name).FirstOrDefaultAsync();
        Asked = [.. VerifierRequests.Parse(request).Query.Credentials.Select(q => q.Format == "dc+sd-jwt" ? "Work authorization" : "A program completion (Open Badge)")];
        if (requests.IsOpen(request) && requests.Token(request) is { } token)
        {
            InteractionUrl = addresses.InteractionUrl(token);
            Qr = Wallets.QrImages.DataUri(InteractionUrl);
        }

        Outcome = requests.Outcome(request);
        if (Outcome is not null)
        {
            foreach (var presented in Outcome.Items)
            {
                var view = presented.Claims is null ? null
                    : presented.Format == "dc+sd-jwt" ? CredentialView.FromSdJwtVc(presented.Claims) : CredentialView.From(presented.Claims);
                Items.Add(new Item(presented, view, new VerificationResult(presented.Checks)));
            }

            await audit.RecordAsync(AuditActions.PresentationViewed, "presentation-request", request.Id, org);
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
