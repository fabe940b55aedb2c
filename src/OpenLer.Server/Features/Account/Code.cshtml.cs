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

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: the latest sign-in message sent to this contact, shown instead of being sent.</summary>
    public Messaging.DemoMessage? DemoMessage { get; private set; }

    public async Task OnGetAsync()
    {
        Contact = TempData["contact"] as string;
        await LoadDemoMessageAsync();
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
        await JobseekerSignIn.StartSessionAsync(HttpContext, jobseeker, people.Name(jobseeker), SharedDevice, options.Value, time);
        jobseeker.Language = LanguageModel.Reconcile(HttpContext, jobseeker.Language);
        await db.SaveChangesAsync();
        return Redirect("/wallet");
    }

    private async Task LoadDemoMessageAsync() =>
        DemoMessage = options.Value.Demo
            ? await DemoMessages.LatestAsync(services, Contacts.Normalize(Contact, options.Value.PhoneRegion), Messaging.MessageKind.SignInCode, time, HttpContext.RequestAborted)
            : null;
}
