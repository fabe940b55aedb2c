using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>Signing out ends the server-side session (a copied cookie stops working) and clears what the browser kept.</summary>
public sealed class SignOutModel(AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.IsStaff())
        {
            await audit.RecordAsync(AuditActions.StaffSignOut, "staff", User.StaffId());
        }
        else if (User.FindFirst(AppClaims.Jobseeker) is not null)
        {
            await audit.RecordAsync(AuditActions.JobseekerSignOut, "jobseeker", User.JobseekerId());
        }
        else if (User.IsEmployer())
        {
            await audit.RecordAsync(AuditActions.EmployerSignOut, "employer-user", User.EmployerUserId());
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await HttpContext.SignOutAsync(AppClaims.JobseekerScheme);
        await HttpContext.SignOutAsync(AppClaims.EmployerScheme);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return Redirect("/");
    }
}
