using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// A caseworker helps a client add a credential to another wallet app: the QR code on the screen for the client's phone, and
/// the transaction code shown once, to read out (the second channel). Only clients of the staff member's sites (404
/// otherwise); viewers cannot make codes.
/// </summary>
[Authorize(Policy = AppClaims.StaffPolicy)]
public sealed class StaffOfferModel(AppDbContext db, StaffScope scope, OfferService offers, WalletAddresses addresses) : PageModel
{
    [FromRoute]
    public Guid ClientId { get; set; }

    [FromRoute]
    public Guid CredentialId { get; set; }

    public string CredentialName { get; private set; } = "";

    public OfferView? Current { get; private set; }

    public Guid? CurrentId { get; private set; }

    /// <summary>The transaction code, shown only in the answer that made the offer.</summary>
    public string? TxCode { get; private set; }

    public bool CanEdit => scope.CanEdit;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await FindAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return NotFound();
        }

        var created = await offers.CreateAsync(credential, OfferService.ByStaff, scope.StaffId, cancellationToken: HttpContext.RequestAborted);
        if (!created.IsSuccess)
        {
            Message = L.Key("This credential cannot be added to another wallet: it was revoked.");
            return Page();
        }

        Current = OfferView.For(addresses, created.Value.Offer, created.Value.Token);
        CurrentId = created.Value.Offer.Id;
        TxCode = created.Value.TxCode;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid offerId)
    {
        if (await FindAsync() is null)
        {
            return NotFound();
        }

        var done = await offers.CancelAsync(offerId, null, scope.OrganizationId, HttpContext.RequestAborted);
        Message = done ? L.Key("The code is cancelled. No wallet can use it now.") : L.Key("This code was already used or cancelled.");
        return Page();
    }

    private async Task<IssuedCredential?> FindAsync()
    {
        var client = await scope.FindClientAsync(ClientId, HttpContext.RequestAborted);
        if (client is null)
        {
            return null;
        }

        var org = scope.OrganizationId;
        var credential = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.OrganizationId == org && c.Id == CredentialId && c.SourceCredentialId == null
            && db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.ClientId == ClientId));
        CredentialName = credential?.AchievementName ?? "";
        return credential;
    }
}
