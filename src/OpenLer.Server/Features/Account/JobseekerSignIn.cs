using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>The browser side of a jobseeker's sign-in: the attempt token a sent code is bound to, and the session cookie.</summary>
public static class JobseekerSignIn
{
    /// <summary>The sign-in attempt token of this browser, created when absent (an HttpOnly cookie for 15 minutes).</summary>
    public static string EnsureAttempt(HttpContext context, CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(names);
        if (context.Request.Cookies.TryGetValue(names.Attempt, out var existing) && existing is { Length: 43 })
        {
            return existing;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(names.Attempt, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = names.Secure || context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = CodeSignIn.CodeLifetime + TimeSpan.FromMinutes(5),
            IsEssential = true,
        });
        return token;
    }

    public static string? Attempt(HttpContext context, CookieNames names)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(names);
        return context.Request.Cookies.TryGetValue(names.Attempt, out var token) ? token : null;
    }

    /// <summary>
    /// Starts a server-side session for the person. On a shared computer the cookie ends with the browser and the session
    /// after a short idle time; otherwise it lasts the configured days.
    /// </summary>
    public static async Task StartSessionAsync(HttpContext context, Jobseeker jobseeker, string name, bool sharedDevice, DeploymentOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(jobseeker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var claims = new List<Claim> { new(AppClaims.Jobseeker, jobseeker.Id.ToString()), new(ClaimTypes.Name, name) };
        if (sharedDevice)
        {
            claims.Add(new Claim(AppClaims.SharedDevice, "true"));
        }

        var idle = sharedDevice ? options.Sessions.SharedDeviceIdle : options.Sessions.JobseekerIdle;
        var properties = new AuthenticationProperties
        {
            IsPersistent = !sharedDevice,
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = time.GetUtcNow() + options.Sessions.JobseekerAbsolute,
        };
        properties.Items[SessionTicketStore.IdleItem] = ((int)idle.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.SignOutAsync(AppClaims.JobseekerScheme);
        await context.SignInAsync(AppClaims.JobseekerScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, AppClaims.JobseekerScheme)), properties);
        context.Response.Cookies.Delete(CookieNamesAttempt(context));
    }

    private static string CookieNamesAttempt(HttpContext context) => context.RequestServices.GetRequiredService<CookieNames>().Attempt;
}
