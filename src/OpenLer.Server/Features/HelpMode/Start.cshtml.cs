using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// A staff member starts help mode on their own device, from a client's page (the consent is then shown in the client's
/// language) or from the staff menu. Any jobseeker session already on the device is ended first.
/// </summary>
public sealed class StartModel(HelpModeService help, StaffScope scope, CookieNames names) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Guid? clientId)
    {
        if (!scope.CanEdit)
        {
            return Forbid();
        }

        var language = Languages.Current.Code;
        if (clientId is { } id)
        {
            if (await scope.FindClientAsync(id, HttpContext.RequestAborted) is not { } client)
            {
                return NotFound();
            }

            language = Languages.Find(client.Language).Code;
        }

        await HttpContext.SignOutAsync(AppClaims.JobseekerScheme);
        var (_, token) = await help.StartAsync(scope.OrganizationId, scope.StaffId, clientId, language, Languages.Current.Code, HttpContext.RequestAborted);
        HelpModeCookie.Write(HttpContext, names, token);
        LanguageModel.SetCookie(Response, language);
        return Redirect("/help-mode/consent");
    }
}
