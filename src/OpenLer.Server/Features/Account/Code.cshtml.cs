using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Account;

/// <summary>The person types the code they received (or the letter code a caseworker printed) and their wallet opens.</summary>
public sealed class CodeModel(CodeSignIn codes, People people, AppDbContext db, CookieNames names, IOptions<DeploymentOptions> options, TimeProvider time,
    IServiceProvider services) : PageModel
{
    [BindProperty]
    [TextField(TextLimits.Contact)]
    public string? Contact { get; set; }

    [BindProperty]
    [TextField(TextLimits.Code)]
    public string? Code { get; set; }

    [BindProperty]
    public bool SharedDevice { get; set; }

    /// <summary>A page of this site to open after signing in (e.g. a job's page); anything else is ignored.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: the latest sign-in message sent to this contact, shown instead of being sent.</summary>
    public Messaging.DemoMessage? DemoMessage { get; private set; }

    public async Task OnGetAsync()
    {
        // Peek, not read: the page still knows the contact when the person reloads it (a slow phone, a code not yet shown).
        Contact = TempData.Peek("contact") as string;
        await LoadDemoMessageAsync(DemoMessages.Since(TempData));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var check = string.IsNullOrWhiteSpace(Contact) || string.IsNullOrWhiteSpace(Code) || Code.Length > 40 || Contact.Length > Contacts.MaxLength
            ? CodeCheck.Failed
            : await codes.VerifyAsync(Contact, Code, JobseekerSignIn.Attempt(HttpContext, names), HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (!check.Succeeded)
        {
            Failed = true;
            Code = null;
            await LoadDemoMessageAsync();
            return Page();
        }

        var jobseeker = check.Jobseeker!;
        TempData.Remove("contact");
        TempData.Remove(DemoMessages.RequestedAt);
        await JobseekerSignIn.StartSessionAsync(HttpContext, jobseeker, people.Name(jobseeker), SharedDevice, options.Value, time);
        jobseeker.Language = LanguageModel.Reconcile(HttpContext, jobseeker.Language);
        await db.SaveChangesAsync();
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : Redirect("/wallet");
    }

    private async Task LoadDemoMessageAsync(DateTime? since = null) =>
        DemoMessage = options.Value.Demo
            ? await DemoMessages.LatestAsync(services, Contacts.Normalize(Contact, options.Value.PhoneRegion), Messaging.MessageKind.SignInCode, time, HttpContext.RequestAborted, since)
            : null;
}
