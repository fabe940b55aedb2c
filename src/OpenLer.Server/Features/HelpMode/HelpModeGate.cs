using Microsoft.AspNetCore.Authentication;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// Runs before authentication on every request (issue 15, help mode). While this device is in help mode:
/// <list type="bullet">
/// <item>the staff session cookie is removed from the request, so nothing the client does on the device has staff powers
/// (the staff member's own session stays in the browser and works again after the finish);</item>
/// <item>until the client has consented, every page leads to the consent page (no sign-in without consent);</item>
/// <item>the banner knows the organization (<see cref="HelpModeState"/>).</item>
/// </list>
/// And on any device: a jobseeker session opened in help mode works only with that help mode's own cookie while it is on.
/// Presented after the finish, after it expired, or without the cookie (a copied cookie), the session is ended at once.
/// </summary>
public sealed class HelpModeGate(CookieNames names, TimeProvider time) : IStartupFilter
{
    /// <summary>Pages a device in help mode may open before the client consents.</summary>
    public static readonly string[] BeforeConsent = ["/help-mode/consent", "/help-mode/finish", "/account/language"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (!IsStatic(context.Request.Path) && !await GateAsync(context))
            {
                return;
            }

            await following(context);
        });
        next(app);
    };

    private static bool IsStatic(PathString path) =>
        path.StartsWithSegments("/css", StringComparison.Ordinal) || path.StartsWithSegments("/js", StringComparison.Ordinal);

    /// <summary>Returns false when the request was answered here (a redirect).</summary>
    private async Task<bool> GateAsync(HttpContext context)
    {
        var now = time.GetUtcNow().UtcDateTime;
        HelpSession? help = null;
        HelpModeService? service = null;
        var organization = "";
        if (HelpModeCookie.Read(context, names) is { } token)
        {
            service = context.RequestServices.GetRequiredService<HelpModeService>();
            (help, organization) = await service.FindWithOrganizationAsync(token, context.RequestAborted);
            if (help is null || !help.IsActive(now))
            {
                if (help is { FinishedAt: null })
                {
                    await service.FinishAsync(help, null, cancellationToken: context.RequestAborted);
                }

                HelpModeCookie.Delete(context, names);
                help = null;
            }
        }

        if (help is not null)
        {
            StripStaffCookies(context.Request);
            context.Items[HelpModeState.ItemKey] = new HelpModeState(help.Id, organization, help.ConsentedAt is not null, help.Language, help.ExpiresAt);
            if (help.ConsentedAt is null && !BeforeConsent.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect("/help-mode/consent");
                return false;
            }
        }

        if (!context.Request.Cookies.ContainsKey(names.Wallet))
        {
            return true;
        }

        var result = await context.AuthenticateAsync(AppClaims.JobseekerScheme);
        if (!result.Succeeded || result.Principal.FindFirst(HelpModeService.Claim) is not { } claim)
        {
            return true;
        }

        service ??= context.RequestServices.GetRequiredService<HelpModeService>();
        var jobseekerId = result.Principal.JobseekerId();
        var sessionId = result.Properties.Items.TryGetValue(SessionTicketStore.SessionIdItem, out var id) ? id : null;
        if (help is null || help.ConsentedAt is null || !string.Equals(claim.Value, help.Id.ToString("D"), StringComparison.Ordinal))
        {
            await service.EndStaleAsync(claim.Value, jobseekerId, sessionId, context.RequestAborted);
            await context.SignOutAsync(AppClaims.JobseekerScheme);
            context.Response.Redirect("/");
            return false;
        }

        if (help.JobseekerId != jobseekerId || help.JobseekerSessionId != sessionId)
        {
            await service.BindAsync(help, jobseekerId, sessionId, context.RequestAborted);
        }

        return true;
    }

    /// <summary>Removes the staff session cookie (and its chunks) from the request's Cookie header.</summary>
    private void StripStaffCookies(HttpRequest request)
    {
        var header = request.Headers.Cookie.ToString();
        if (header.Length == 0)
        {
            return;
        }

        var staff = names.Staff;
        var kept = header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(pair =>
            {
                var name = pair.Split('=', 2)[0].Trim();
                return !(name.Equals(staff, StringComparison.Ordinal)
                    || (name.StartsWith(staff + "C", StringComparison.Ordinal) && int.TryParse(name.AsSpan(staff.Length + 1), out _)));
            });
        request.Headers.Cookie = string.Join("; ", kept);
    }
}
