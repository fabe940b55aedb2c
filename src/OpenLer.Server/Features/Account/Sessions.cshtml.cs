using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>"Where am I signed in?": every active session of the signed-in person, with "sign out" per device and everywhere.</summary>
public sealed class SessionsModel(SessionService sessions, AuditTrail audit) : PageModel
{
    public List<SessionService.Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await WhoAsync() is not { } who)
        {
            return Redirect("/");
        }

        Rows = await sessions.ListAsync(who.Kind, who.Subject, who.Current, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string? id)
    {
        if (await WhoAsync() is not { } who || string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return Redirect("/");
        }

        await sessions.EndAsync(who.Kind, who.Subject, id, HttpContext.RequestAborted);
        return Redirect(id == who.Current ? "/" : "/account/sessions");
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (await WhoAsync() is not { } who)
        {
            return Redirect("/");
        }

        var ended = await sessions.EndAllAsync(who.Kind, who.Subject, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync(AuditActions.SessionsEnded, who.Kind, who.Subject, detail: ended.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await HttpContext.SignOutAsync(who.Kind switch
        {
            SessionKinds.Staff => IdentityConstants.ApplicationScheme,
            SessionKinds.Employer => AppClaims.EmployerScheme,
            _ => AppClaims.JobseekerScheme,
        });
        return Redirect("/");
    }

    private async Task<(string Kind, string Subject, string? Current)?> WhoAsync()
    {
        foreach (var (scheme, kind) in new[] { (IdentityConstants.ApplicationScheme, SessionKinds.Staff), (AppClaims.JobseekerScheme, SessionKinds.Jobseeker), (AppClaims.EmployerScheme, SessionKinds.Employer) })
        {
            var result = await HttpContext.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                result.Properties.Items.TryGetValue(SessionTicketStore.SessionIdItem, out var current);
                return (kind, SessionTicketStore.SubjectOf(result.Principal), current);
            }
        }

        return null;
    }
}
