using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// The consent step, shown to the client in their language on the caseworker's device: who is helping, what they will
/// see and what they will not get. Agreeing is recorded (audit trail, ids only) and leads to the normal sign-in; "No,
/// stop" finishes help mode. Without help mode on this device the page leads home.
/// </summary>
public sealed class ConsentModel(HelpModeService help) : PageModel
{
    public HelpModeState? State { get; private set; }

    public bool Error { get; private set; }

    public IActionResult OnGet()
    {
        State = HelpModeState.Of(HttpContext);
        return State is null ? Redirect("/") : Page();
    }

    public async Task<IActionResult> OnPostAgreeAsync(bool agreed)
    {
        State = HelpModeState.Of(HttpContext);
        if (State is null || await help.FindAsync(State.HelpSessionId, HttpContext.RequestAborted) is not { } session)
        {
            return Redirect("/");
        }

        if (!agreed)
        {
            Error = true;
            return Page();
        }

        await help.ConsentAsync(session, Languages.Current.Code, HttpContext.RequestAborted);
        return Redirect("/account/sign-in");
    }
}
