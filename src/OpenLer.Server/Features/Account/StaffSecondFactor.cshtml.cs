using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

/// <summary>The second step of a staff sign-in: the code of the authenticator app, or a recovery code.</summary>
public sealed class StaffSecondFactorModel(StaffSignIn staffSignIn, SignInManager<StaffUser> signIn, UserManager<StaffUser> users,
    IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Code)]
    public string? Code { get; set; }

    [BindProperty]
    public bool Recovery { get; set; }

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: what the demo admin's authenticator app would show now.</summary>
    public string? DemoCode { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Redirect("/account/staff-sign-in");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await staffSignIn.SecondFactorAsync(Code, Recovery, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted))
        {
            return Redirect("/issuance");
        }

        Failed = true;
        Code = null;
        return await LoadAsync() ? Page() : Redirect("/account/staff-sign-in");
    }

    private async Task<bool> LoadAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return false;
        }

        if (options.Value.Demo && await users.GetAuthenticatorKeyAsync(user) is { } key)
        {
            DemoCode = Totp.Code(key, time.GetUtcNow());
        }

        return true;
    }
}
