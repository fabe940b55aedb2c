using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Practice;

/// <summary>
/// The practice switch (staff menu "Practice" / "Back to real work") and the reset of the practice space, with a
/// confirmation step. Admins and site staff may practise; read-only viewers change nothing, practice included. Every
/// switch and reset is audited: the switch under the real organization, the reset under the practice one.
/// </summary>
public sealed class IndexModel(PracticeSpaces spaces, AuditTrail audit) : PageModel
{
    /// <summary>Shown after a closed page (organization settings) sent the staff member here while in practice.</summary>
    [FromQuery]
    public bool Closed { get; set; }

    /// <summary>Whether the reset asks for confirmation now.</summary>
    public bool ConfirmReset { get; private set; }

    public bool InPractice => User.InPractice();

    public bool MayPractise => !User.IsInRole(AppClaims.ViewerRole);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (!MayPractise)
        {
            return Forbid();
        }

        var home = User.HomeOrganizationId();
        var practice = await spaces.EnsureAsync(home, HttpContext.RequestAborted);
        await PracticeSwitch.SetAsync(HttpContext, practice.Id);
        await audit.RecordAsync(AuditActions.PracticeStarted, "organization", practice.Id, home, cancellationToken: HttpContext.RequestAborted);
        TempData["message"] = L.Key("You are in practice now. Nothing you do here is real.");
        return Redirect("/issuance");
    }

    public async Task<IActionResult> OnPostStopAsync()
    {
        if (User.PracticeOrganizationId() is { } practice)
        {
            await PracticeSwitch.SetAsync(HttpContext, null);
            await audit.RecordAsync(AuditActions.PracticeEnded, "organization", practice, User.HomeOrganizationId(), cancellationToken: HttpContext.RequestAborted);
        }

        TempData["message"] = L.Key("You are back to real work.");
        return Redirect("/issuance");
    }

    public async Task<IActionResult> OnPostResetAsync(bool confirmed)
    {
        if (!MayPractise || User.PracticeOrganizationId() is not { } practice)
        {
            return Forbid();
        }

        if (!confirmed)
        {
            ConfirmReset = true;
            return Page();
        }

        if (!await spaces.ResetAsync(practice, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.PracticeReset, "organization", practice, practice, cancellationToken: HttpContext.RequestAborted);
        TempData["message"] = L.Key("The practice space is empty again: every practice client, credential and share is deleted.");
        return Redirect("/practice");
    }
}
