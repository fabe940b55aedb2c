using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

public sealed class StaffSignInModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null || string.IsNullOrEmpty(Password))
        {
            Failed = true;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Failed = true;
            return Page();
        }

        LanguageModel.SetCookie(Response, user.Language);
        return Redirect("/issuance");
    }
}
