using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// The language links: one step, no JavaScript. <c>GET /account/language?set=fa-AF&amp;returnUrl=/verify</c> remembers the
/// choice in a cookie (and in the signed-in person's profile, unless the request came from another site) and returns to
/// the same page. The older form post is still accepted.
/// </summary>
public sealed class LanguageModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? set, string? returnUrl)
    {
        if (set is null)
        {
            return LocalRedirect("/");
        }

        // Fetch metadata: a link on another site may switch this browser's language (harmless) but not write the profile.
        var site = Request.Headers["Sec-Fetch-Site"].ToString();
        var fromElsewhere = site is "cross-site" or "same-site";
        return await SwitchAsync(set, returnUrl, saveToProfile: !fromElsewhere);
    }

    public Task<IActionResult> OnPostAsync(string? language, string? returnUrl) => SwitchAsync(language, returnUrl, saveToProfile: true);

    private async Task<IActionResult> SwitchAsync(string? code, string? returnUrl, bool saveToProfile)
    {
        var chosen = Languages.Find(code);
        SetCookie(Response, chosen.Code);

        if (saveToProfile)
        {
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
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>
    /// At sign-in: a language the person chose on this browser before signing in wins and is saved to the profile;
    /// otherwise the profile's language is applied. Returns the language to store in the profile.
    /// </summary>
    public static string Reconcile(HttpContext context, string profileLanguage)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cookie = context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        var chosen = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value;
        if (chosen is not null && Languages.IsSupported(chosen))
        {
            return Languages.Find(chosen).Code;
        }

        SetCookie(context.Response, profileLanguage);
        return Languages.Find(profileLanguage).Code;
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
