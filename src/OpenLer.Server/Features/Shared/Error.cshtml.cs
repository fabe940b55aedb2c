using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Shared;

/// <summary>Plain-language pages for error status codes (the status code itself is kept), more precise when the refusal gave a reason.</summary>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "Please try again later.";

    public IActionResult OnGet() => Answer(Code);

    public IActionResult OnPost() => Answer(Code);

    /// <summary>
    /// The page, or for an API or JSON client a generic RFC 9457 problem (the same plain title and explanation): never the
    /// exception, its stack, SQL, key ids or the request's input (ASVS 16.5.1, SECURITY.md WA-14).
    /// </summary>
    private IActionResult Answer(int code)
    {
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath;
        Describe(code, original);
        var accept = Request.Headers.Accept.ToString();
        var json = (original is not null && original.StartsWith("/api/", StringComparison.Ordinal))
            || (accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));
        if (!json)
        {
            return Page();
        }

        var problem = new System.Text.Json.Nodes.JsonObject { ["type"] = "about:blank", ["title"] = Title, ["status"] = code, ["detail"] = Explanation };
        return new ContentResult { Content = problem.ToJsonString(), ContentType = "application/problem+json", StatusCode = code };
    }

    /// <summary>
    /// From the route values, not model binding: binding reads the form, and a refused request's form (too large,
    /// malformed) cannot be read, which would leave the code at 0.
    /// </summary>
    private int Code => int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 500;

    private void Describe(int code, string? original)
    {
        // A badge upload over the request limit never reaches its page, so its 413 says what a badge may be.
        var badgeUpload = original is not null && original.StartsWith("/programs/", StringComparison.Ordinal) && original.EndsWith("/badge", StringComparison.Ordinal);
        (Title, Explanation) = (code, StatusReason.Get(HttpContext)) switch
        {
            (413, _) when badgeUpload => ("The image is too large", "The image is too large. A badge image can be at most 1 MB and 2048 × 2048 pixels."),
            (404, _) => ("Page not found", "This page does not exist, or you cannot see it."),
            (400, StatusReason.TextTooLong) => ("A field is too long", "Shorten the text you typed and send the form again."),
            (400, StatusReason.HttpsRequired) => ("This site works only over HTTPS", "Open the address that starts with https://."),
            (400, _) => ("The form could not be sent", "Go back, reload the page and try again."),
            (413, StatusReason.CredentialTooLarge) => ("The credential is too large to check", "It is too big or has too many parts for this service."),
            (413, _) => ("The file is too large", "Choose a smaller file (at most about 1.5 MB)."),
            (410, _) => ("This page no longer works", "It has expired or was stopped."),
            (429, _) => ("Too many requests", "You sent many requests in a short time. Wait a minute, then try again."),
            (503, StatusReason.VerificationTooSlow) => ("Checking the credential took too long", "We stopped checking it. It may be too complex to check here; try again later."),
            (503, _) => ("The service is busy", "Many people are using it right now. Wait a minute, then try again."),
            _ => ("Something went wrong", "Please try again later."),
        };
    }
}
