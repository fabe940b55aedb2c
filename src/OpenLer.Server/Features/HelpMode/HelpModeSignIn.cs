using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// A jobseeker who signs in (with their own code, the normal sign-in) on a device in help mode gets a session tied to
/// that help mode: it carries the help session's id (<see cref="HelpModeService.Claim"/>), is treated as a shared device
/// (the cookie ends with the browser, a short idle time-out) and cannot outlive help mode.
/// </summary>
public sealed class HelpModeSignIn(IOptions<DeploymentOptions> deployment) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != AppClaims.JobseekerScheme)
        {
            return;
        }

        var earlier = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            await earlier(context);
            if (HelpModeState.Of(context.HttpContext) is not { } help)
            {
                return;
            }

            if (!help.Consented || context.Principal?.Identity is not ClaimsIdentity identity)
            {
                throw new InvalidOperationException("A sign-in in help mode before consent (the gate sends every page to the consent first).");
            }

            identity.AddClaim(new Claim(HelpModeService.Claim, help.HelpSessionId.ToString("D")));
            if (!identity.HasClaim(c => c.Type == AppClaims.SharedDevice))
            {
                identity.AddClaim(new Claim(AppClaims.SharedDevice, "true"));
            }

            context.Properties.IsPersistent = false;
            var ends = new DateTimeOffset(help.ExpiresAt, TimeSpan.Zero);
            if (context.Properties.ExpiresUtc is null || context.Properties.ExpiresUtc > ends)
            {
                context.Properties.ExpiresUtc = ends;
            }

            context.Properties.Items[SessionTicketStore.IdleItem] =
                ((int)deployment.Value.Sessions.SharedDeviceIdle.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        };
    }
}
