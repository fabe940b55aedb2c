using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

public sealed class StaffSignInModel(StaffSignIn staffSignIn, UserManager<StaffUser> users) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Email { get; set; }

    [BindProperty]
    [TextField(TextLimits.Password, Clean = false)]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await staffSignIn.PasswordAsync(Email, Password, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (outcome == StaffSignInOutcome.SecondFactorNeeded)
        {
            return Redirect("/account/staff-2fa");
        }

        if (outcome == StaffSignInOutcome.Failed)
        {
            Failed = true;
            Password = null;
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!.Trim());
        var language = LanguageModel.Reconcile(HttpContext, user!.Language);
        if (language != user.Language)
        {
            user.Language = language;
            await users.UpdateAsync(user);
        }

        return Redirect("/issuance");
    }
}
