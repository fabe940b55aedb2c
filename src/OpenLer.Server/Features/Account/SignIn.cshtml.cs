using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

/// <summary>A jobseeker asks for a sign-in code (same answer whether or not the account exists).</summary>
public sealed class SignInModel(CodeSignIn codes, CookieNames names) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Contact { get; set; }

    public bool Invalid { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Contact) || Contact.Length > Contacts.MaxLength)
        {
            Invalid = true;
            return Page();
        }

        var attempt = JobseekerSignIn.EnsureAttempt(HttpContext, names);
        await codes.RequestCodeAsync(Contact, attempt, HttpContext.RequestAborted);
        TempData["contact"] = Contact.Trim();
        return Redirect("/account/code");
    }
}
