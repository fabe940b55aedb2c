using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>The person types the code they received (or the letter code a caseworker printed) and their wallet opens.</summary>
public sealed class CodeModel(CodeSignIn codes, People people, AppDbContext db, CookieNames names, IOptions<DeploymentOptions> options, TimeProvider time,
    IServiceProvider services) : PageModel
{
    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool SharedDevice { get; set; }

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: the latest code sent to this contact, shown instead of being sent.</summary>
    public string? DemoCode { get; private set; }

    public void OnGet()
    {
        Contact = TempData["contact"] as string;
        LoadDemoMessage();
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
            LoadDemoMessage();
            return Page();
        }

        var jobseeker = check.Jobseeker!;
        await JobseekerSignIn.StartSessionAsync(HttpContext, jobseeker, people.Name(jobseeker), SharedDevice, options.Value, time);
        jobseeker.Language = LanguageModel.Reconcile(HttpContext, jobseeker.Language);
        await db.SaveChangesAsync();
        return Redirect("/wallet");
    }

    private void LoadDemoMessage()
    {
        if (options.Value.Demo && services.GetService<DemoAccountMessages>() is { } demo)
        {
            DemoCode = demo.LatestCode(Contacts.Normalize(Contact, options.Value.PhoneRegion))?.Code;
        }
    }
}
