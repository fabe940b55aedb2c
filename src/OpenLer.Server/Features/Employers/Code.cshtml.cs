using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers;

/// <summary>An employer user types the code sent to their e-mail address and their company's pages open.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimitPolicies.CodeAttempt)]
public sealed class CodeModel(EmployerSignIn signIn, EmployerRecords records, AppDbContext db, CookieNames names, IOptions<DeploymentOptions> options,
    TimeProvider time, IServiceProvider services) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Email { get; set; }

    [BindProperty]
    [TextField(TextLimits.Code)]
    public string? Code { get; set; }

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: the latest employer code sent to this address, shown instead of being sent.</summary>
    public Messaging.DemoMessage? DemoMessage { get; private set; }

    public async Task OnGetAsync()
    {
        // Peek, not read: the page still knows the address when it is reloaded.
        Email = TempData.Peek("employer-email") as string;
        await LoadDemoMessageAsync(DemoMessages.Since(TempData));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Code) || Code.Length > 40 || Email.Length > Contacts.MaxLength
            ? null
            : await signIn.VerifyAsync(Email, Code, JobseekerSignIn.Attempt(HttpContext, names), HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (user is null)
        {
            Failed = true;
            Code = null;
            await LoadDemoMessageAsync();
            return Page();
        }

        TempData.Remove("employer-email");
        TempData.Remove(DemoMessages.RequestedAt);
        await EmployerSession.StartAsync(HttpContext, user, records.Name(user), options.Value, time);
        user.Language = LanguageModel.Reconcile(HttpContext, user.Language);
        await db.SaveChangesAsync();
        return Redirect("/employer");
    }

    private async Task LoadDemoMessageAsync(DateTime? since = null) =>
        DemoMessage = options.Value.Demo
            ? await DemoMessages.LatestAsync(services, Contacts.Normalize(Email, options.Value.PhoneRegion), Messaging.MessageKind.EmployerSignInCode, time, HttpContext.RequestAborted, since)
            : null;
}
