using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// "Finish and sign out": ends the client's server-side session (a copied cookie stops working), ends help mode for good
/// (its cookie cannot revive it), clears the browser cache and gives the device back to the staff member, whose own
/// session was never used while helping.
/// <para>
/// Antiforgery: the form carries a token, but the identity a page renders it for varies while the client signs in; the
/// request is instead protected by the help cookie, which is SameSite=Strict, so a post from another site carries no help
/// cookie and finishes nothing.
/// </para>
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class FinishModel(HelpModeService help, CookieNames names) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        var state = HelpModeState.Of(HttpContext);
        if (state is null || await help.FindAsync(state.HelpSessionId, HttpContext.RequestAborted) is not { } session)
        {
            return Redirect("/issuance");
        }

        var current = await SessionService.CurrentIdAsync(HttpContext, AppClaims.JobseekerScheme);
        await help.FinishAsync(session, current, cancellationToken: HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(AppClaims.JobseekerScheme);
        HelpModeCookie.Delete(HttpContext, names);
        if (session.StaffLanguage is { } language)
        {
            LanguageModel.SetCookie(Response, language);
        }

        Response.Headers["Clear-Site-Data"] = "\"cache\"";
        TempData["message"] = L.Key("Help is finished: the client is signed out on this device.");
        return Redirect("/issuance");
    }
}
