using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

public sealed class CodeModel(CodeSignIn codes, AppDbContext db, IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool Failed { get; private set; }

    /// <summary>Demo mode only: the latest code in the local outbox for this contact.</summary>
    public string? DemoMessage { get; private set; }

    public async Task OnGetAsync()
    {
        Contact = TempData["contact"] as string;
        await LoadDemoMessageAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var jobseeker = string.IsNullOrWhiteSpace(Contact) || string.IsNullOrWhiteSpace(Code)
            ? null
            : await codes.VerifyAsync(Contact, Code, HttpContext.RequestAborted);
        if (jobseeker is null)
        {
            Failed = true;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(AppClaims.Jobseeker, jobseeker.Id.ToString()), new Claim(ClaimTypes.Name, jobseeker.DisplayName)],
            AppClaims.JobseekerScheme);
        await HttpContext.SignInAsync(AppClaims.JobseekerScheme, new ClaimsPrincipal(identity));
        LanguageModel.SetCookie(Response, jobseeker.Language);
        return Redirect("/wallet");
    }

    private async Task LoadDemoMessageAsync()
    {
        if (!options.Value.Demo || string.IsNullOrEmpty(Contact))
        {
            return;
        }

        var since = time.GetUtcNow().UtcDateTime - CodeSignIn.CodeLifetime;
        var message = await db.Outbox.AsNoTracking().Where(m => m.To == Contact && m.CreatedAt > since)
            .OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(HttpContext.RequestAborted);
        DemoMessage = message?.Body;
    }
}
