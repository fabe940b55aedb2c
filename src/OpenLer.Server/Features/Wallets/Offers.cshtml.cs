using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The person adds one of their credentials to another wallet app: a new offer (QR code, link), the transaction code sent to
/// their own e-mail or phone, cancel, and the list of earlier offers with the wallet that received each.
/// </summary>
[Authorize(Policy = AppClaims.JobseekerPolicy)]
public sealed class OffersModel(AppDbContext db, OfferService offers, WalletAddresses addresses) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public string CredentialName { get; private set; } = "";

    public OfferView? Current { get; private set; }

    public Guid? CurrentId { get; private set; }

    public List<WalletOffer> Earlier { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return NotFound();
        }

        var created = await offers.CreateAsync(credential, OfferService.ByJobseeker, User.JobseekerId().ToString("D"), cancellationToken: HttpContext.RequestAborted);
        if (!created.IsSuccess)
        {
            TempData["message"] = L.Key("This credential cannot be added to another wallet: it was revoked.");
            return Redirect(Path());
        }

        var sent = await offers.SendTxCodeAsync(created.Value.Offer, created.Value.TxCode, HttpContext.RequestAborted);
        TempData["message"] = sent
            ? L.Key("We sent a 6-digit code to your e-mail or phone. Type it in the wallet app when it asks.")
            : L.Key("We could not send the code. Use the Learner Credential Wallet, which needs no code, or ask your caseworker.");
        return Redirect(Path());
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid offerId)
    {
        var done = await offers.CancelAsync(offerId, User.JobseekerId(), null, HttpContext.RequestAborted);
        TempData["message"] = done ? L.Key("The code is cancelled. No wallet can use it now.") : L.Key("This code was already used or cancelled.");
        return Redirect(Path());
    }

    public string Path() => $"/wallet/credentials/{Id}/wallets";

    private Task<IssuedCredential?> FindAsync()
    {
        var owner = User.JobseekerId();
        return db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.JobseekerId == owner && c.Id == Id && c.SourceCredentialId == null);
    }

    private async Task<bool> LoadAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return false;
        }

        CredentialName = credential.AchievementName;
        Earlier = await offers.OffersOfAsync(credential.JobseekerId, credential.Id, HttpContext.RequestAborted);
        var open = Earlier.FirstOrDefault(o => offers.StateOf(o) == OfferState.Open);
        if (open is not null && offers.Token(open) is { } token)
        {
            Current = OfferView.For(addresses, open, token);
            CurrentId = open.Id;
        }

        return true;
    }
}
