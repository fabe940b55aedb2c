using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Practice;

/// <summary>
/// Switches the signed-in staff member between real work and the practice space: the practice organization's id goes
/// into (or out of) the sign-in kept in the server-side session (<see cref="AppClaims.Practice"/>), so from the next
/// request on every query is scoped to one organization only, the practice one or the real one.
/// </summary>
public static class PracticeSwitch
{
    /// <summary>Re-issues the current staff sign-in with <paramref name="practiceOrganizationId"/> (null: back to real work).</summary>
    public static async Task SetAsync(HttpContext context, Guid? practiceOrganizationId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded || current.Principal.Identity is not ClaimsIdentity identity)
        {
            throw new InvalidOperationException("No staff sign-in to switch.");
        }

        var changed = identity.Clone();
        foreach (var claim in changed.FindAll(AppClaims.Practice).ToList())
        {
            changed.RemoveClaim(claim);
        }

        if (practiceOrganizationId is { } id)
        {
            changed.AddClaim(new Claim(AppClaims.Practice, id.ToString("D")));
        }

        await context.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(changed), current.Properties);
    }

    /// <summary>Keeps the practice claim when Identity refreshes a sign-in (security stamp validation builds a new principal).</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(AppClaims.Practice) is { } practice && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(AppClaims.Practice) is null)
        {
            identity.AddClaim(new Claim(AppClaims.Practice, practice.Value));
        }

        return Task.CompletedTask;
    }
}
