using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenLer.Server.Features.Shared;

/// <summary>Plain-language pages for error status codes (the status code itself is kept).</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "Please try again later.";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => ("Page not found", "This page does not exist, or you cannot see it."),
            400 => ("The form could not be sent", "Go back, reload the page and try again."),
            413 => ("The file is too large", "Choose a smaller file (at most about 1.5 MB)."),
            410 => ("This page no longer works", "It has expired or was stopped."),
            _ => ("Something went wrong", "Please try again later."),
        };
    }
}
