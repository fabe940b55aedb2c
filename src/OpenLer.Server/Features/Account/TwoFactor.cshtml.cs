using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;
using QRCoder;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Setting up the second factor (TOTP authenticator app) with recovery codes. Organization admins must do this before
/// anything else; other staff may. The recovery codes are shown once.
/// </summary>
public sealed class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, SessionService sessions, AuditTrail audit) : PageModel
{
    public string Key { get; private set; } = "";

    public string QrDataUri { get; private set; } = "";

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public bool Failed { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    [BindProperty]
    [TextField(TextLimits.Code)]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Failed = true;
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8) ?? []];
        await audit.RecordAsync(AuditActions.StaffTwoFactorEnabled, "staff", user.Id, user.OrganizationId);

        // Every other session of this account ends; this one is signed in again so it carries the new state.
        await sessions.EndAllAsync(SessionKinds.Staff, user.Id, await SessionService.CurrentIdAsync(HttpContext, IdentityConstants.ApplicationScheme));
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        Enabled = true;
        return Page();
    }

    private async Task<StaffUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        Enabled = user.TwoFactorEnabled;
        Required = User.IsInRole(AppClaims.OrgAdminRole);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            Key = key!;
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Totp.Uri("OpenLER", user.Email ?? user.Id, Key), QRCodeGenerator.ECCLevel.M);
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        }

        return user;
    }
}
