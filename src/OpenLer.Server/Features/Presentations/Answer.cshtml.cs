using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// The person answers a request for credentials from their OpenLER wallet: paste the link (or arrive from the request's
/// page), see who asks for what in plain words, pick a credential for each question, and send, or say no.
/// </summary>
[Authorize(Policy = AppClaims.JobseekerPolicy)]
public sealed class AnswerModel(WalletAnswers answers) : PageModel
{
    public sealed record Question(DcqlCredentialQuery Query, RequestedCredential Described, IReadOnlyList<CandidateCredential> Candidates);

    /// <summary>The request link (a link is used, not stored or shown as text: not cleaned).</summary>
    [BindProperty(SupportsGet = true)]
    [TextField(AuthorizationRequestUri.MaxLength, Clean = false)]
    public string? Link { get; set; }

    public ResolvedRequest? Resolved { get; private set; }

    public List<Question> Questions { get; private set; } = [];

    public string? Error { get; private set; }

    public string? ErrorDetail { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (!string.IsNullOrWhiteSpace(Link))
        {
            await ResolveAsync();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        await ResolveAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        if (!await ResolveAsync())
        {
            return Page();
        }

        var chosen = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var question in Questions)
        {
            if (Guid.TryParse(Request.Form["q:" + question.Query.Id], out var id))
            {
                chosen[question.Query.Id] = id;
            }
        }

        var sent = await answers.SendAsync(User.JobseekerId(), Resolved!, chosen, HttpContext.RequestAborted);
        if (!sent.IsSuccess)
        {
            Error = L.Key("The answer was not sent.");
            ErrorDetail = sent.Error.Message;
            return Page();
        }

        Done = L.Key("Sent. The employer can now see the credentials you chose.");
        Resolved = null;
        return Page();
    }

    public async Task<IActionResult> OnPostRefuseAsync()
    {
        if (!await ResolveAsync())
        {
            return Page();
        }

        var refused = await answers.RefuseAsync(Resolved!, HttpContext.RequestAborted);
        Done = refused.IsSuccess ? L.Key("You said no. Nothing was sent.") : null;
        Error = refused.IsSuccess ? null : L.Key("The answer was not sent.");
        Resolved = null;
        return Page();
    }

    private async Task<bool> ResolveAsync()
    {
        var resolved = await answers.ResolveAsync(Link, HttpContext.RequestAborted);
        if (!resolved.IsSuccess)
        {
            Error = L.Key("We cannot open this request. Check that you copied the whole link, or ask the employer for a new one.");
            ErrorDetail = resolved.Error.Message;
            return false;
        }

        Resolved = resolved.Value;
        var described = RequestDescription.Of(Resolved.Request);
        foreach (var query in Resolved.Request.Query.Credentials)
        {
            Questions.Add(new Question(query, described.Credentials.First(c => c.QueryId == query.Id),
                await answers.CandidatesAsync(User.JobseekerId(), query, HttpContext.RequestAborted)));
        }

        return true;
    }
}
