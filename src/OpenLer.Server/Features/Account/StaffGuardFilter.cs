using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Before any staff page: a password set by an admin must be changed first; an organization admin must set up a second
/// factor first; a read-only viewer may not post (change) anything. Account pages needed to get there stay open.
/// </summary>
public sealed class StaffGuardFilter : IAsyncPageFilter
{
    private static readonly string[] Open = ["/Account/Password", "/Account/TwoFactor", "/Account/SignOut", "/Account/Language", "/Shared/Error", "/Account/Denied"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (user.IsStaff() && !Open.Contains(page, StringComparer.Ordinal))
        {
            if (user.HasClaim(AppClaims.MustChangePassword, "true"))
            {
                context.Result = new RedirectResult("/account/password");
                return;
            }

            if (user.IsInRole(AppClaims.OrgAdminRole) && !user.HasClaim(AppClaims.TwoFactorEnabled, "true"))
            {
                context.Result = new RedirectResult("/account/two-factor");
                return;
            }

            if (user.IsInRole(AppClaims.ViewerRole) && HttpMethods.IsPost(context.HttpContext.Request.Method)
                && (page.StartsWith("/Issuance", StringComparison.Ordinal) || page.StartsWith("/Programs", StringComparison.Ordinal) || page.StartsWith("/Organizations", StringComparison.Ordinal)
                    || page.StartsWith("/WorkAuthorization", StringComparison.Ordinal)))
            {
                context.Result = new ForbidResult();
                return;
            }
        }

        await next();
    }
}
