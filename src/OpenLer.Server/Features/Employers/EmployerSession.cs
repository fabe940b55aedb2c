using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// The browser side of an employer user's sign-in: a server-side session (<see cref="SessionTicketStore"/>, kind
/// <see cref="SessionKinds.Employer"/>) behind its own <c>__Host-</c> cookie, with the staff lifetimes (12 hours, 60 minutes idle).
/// </summary>
public static class EmployerSession
{
    public static async Task StartAsync(HttpContext context, EmployerUser user, string name, DeploymentOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString("D")),
            new(AppClaims.EmployerCompany, user.CompanyId.ToString("D")),
            new(ClaimTypes.Name, name),
        };
        var properties = new AuthenticationProperties
        {
            IsPersistent = false,
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = time.GetUtcNow() + options.Sessions.StaffAbsolute,
        };
        properties.Items[SessionTicketStore.IdleItem] = ((int)options.Sessions.StaffIdle.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        await context.SignOutAsync(AppClaims.EmployerScheme);
        await context.SignInAsync(AppClaims.EmployerScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, AppClaims.EmployerScheme)), properties);
        context.Response.Cookies.Delete(context.RequestServices.GetRequiredService<CookieNames>().Attempt);
    }
}
