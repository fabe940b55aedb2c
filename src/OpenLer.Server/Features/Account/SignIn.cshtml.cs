using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenLer.Server.Features.Account;

public sealed class SignInModel(CodeSignIn codes) : PageModel
{
    [BindProperty]
    public string? Contact { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Contact))
        {
            return Page();
        }

        await codes.RequestCodeAsync(Contact, HttpContext.RequestAborted);
        TempData["contact"] = CodeSignIn.Normalize(Contact);
        return Redirect("/account/code");
    }
}
