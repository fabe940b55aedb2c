using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>The language picker: remembers the choice in a cookie and in the signed-in user's profile.</summary>
public sealed class LanguageModel(AppDbContext db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var chosen = Languages.Find(language);
        SetCookie(Response, chosen.Code);

        var staff = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (staff.Succeeded && staff.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            var user = await db.Users.FindAsync(userId);
            user?.Language = chosen.Code;
        }

        var wallet = await HttpContext.AuthenticateAsync(AppClaims.JobseekerScheme);
        if (wallet.Succeeded)
        {
            var jobseeker = await db.Jobseekers.FindAsync(wallet.Principal.JobseekerId());
            jobseeker?.Language = chosen.Code;
        }

        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static void SetCookie(HttpResponse response, string? language)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = Languages.Find(language).Code;
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Secure = response.HttpContext.Request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
