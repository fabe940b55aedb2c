using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

/// <summary>A jobseeker asks for a sign-in code (same answer whether or not the account exists).</summary>
public sealed class SignInModel(CodeSignIn codes, CookieNames names, IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Contact { get; set; }

    /// <summary>A page of this site to return to after signing in (e.g. a job's page); anything else is ignored.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Invalid { get; private set; }

    /// <summary>The text is neither an e-mail address nor a phone number (says nothing about whether an account exists).</summary>
    public bool NotAContact { get; private set; }

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

        if (Contacts.Normalize(Contact, options.Value.PhoneRegion) is null)
        {
            Invalid = NotAContact = true;
            return Page();
        }

        var attempt = JobseekerSignIn.EnsureAttempt(HttpContext, names);
        // Stamped before the code is queued: the dispatcher may deliver it before this request goes on, and the code page
        // shows only a message delivered at or after this time.
        var requestedAt = time.GetUtcNow().UtcTicks;
        await codes.RequestCodeAsync(Contact, attempt, HttpContext.RequestAborted);
        TempData["contact"] = Contact.Trim();
        TempData[DemoMessages.RequestedAt] = requestedAt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Redirect(Url.IsLocalUrl(ReturnUrl) ? "/account/code?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl) : "/account/code");
    }
}
