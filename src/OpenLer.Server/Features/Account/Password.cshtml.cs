using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

/// <summary>A staff member changes their password; every other session of the account ends.</summary>
public sealed class PasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, SessionService sessions, AuditTrail audit) : PageModel
{
    public const int MaxLength = 256;

    [BindProperty]
    [TextField(TextLimits.Password, Clean = false)]
    public string? Current { get; set; }

    [BindProperty]
    [TextField(TextLimits.Password, Clean = false)]
    public string? New { get; set; }

    [BindProperty]
    [TextField(TextLimits.Password, Clean = false)]
    public string? Repeat { get; set; }

    public string? Error { get; private set; }

    public bool Required { get; private set; }

    public bool Changed { get; private set; }

    public void OnGet() => Required = User.HasClaim(Infrastructure.AppClaims.MustChangePassword, "true");

    public async Task<IActionResult> OnPostAsync()
    {
        Required = User.HasClaim(Infrastructure.AppClaims.MustChangePassword, "true");
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Current) || string.IsNullOrEmpty(New) || New.Length > MaxLength || New != Repeat)
        {
            Error = L.Key("Type your current password, then the new one twice.");
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Current, New);
        if (!result.Succeeded)
        {
            Error = result.Errors.Any(e => e.Code == "PasswordMismatch")
                ? L.Key("The current password is not right.")
                : L.Key("The new password must have at least 10 characters, with upper and lower case letters and a digit.");
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.StaffPasswordChanged, "staff", user.Id, user.OrganizationId);
        // Every other session of this account ends; this one is signed in again so it carries the new state.
        await sessions.EndAllAsync(SessionKinds.Staff, user.Id, await SessionService.CurrentIdAsync(HttpContext, IdentityConstants.ApplicationScheme));
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: User.HasClaim("amr", "mfa") ? "mfa" : "pwd");
        Changed = true;
        Required = false;
        return Page();
    }
}
