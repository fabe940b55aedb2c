using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers;

/// <summary>An employer user asks for a sign-in code (the same answer whether or not the address has an account).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimitPolicies.CodeRequest)]
public sealed class SignInModel(EmployerSignIn signIn, CookieNames names, TimeProvider time) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Email { get; set; }

    public bool Invalid { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || Email.Length > Contacts.MaxLength || !Email.Contains('@', StringComparison.Ordinal))
        {
            Invalid = true;
            return Page();
        }

        var attempt = JobseekerSignIn.EnsureAttempt(HttpContext, names);
        // Stamped before the code is queued: the dispatcher may deliver it before this request goes on, and the code page
        // shows only a message delivered at or after this time.
        var requestedAt = time.GetUtcNow().UtcTicks;
        await signIn.RequestCodeAsync(Email, attempt, HttpContext.RequestAborted);
        TempData["employer-email"] = Email.Trim();
        TempData[DemoMessages.RequestedAt] = requestedAt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Redirect("/employer/code");
    }
}
