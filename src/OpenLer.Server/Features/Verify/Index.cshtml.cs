using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Observability;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Paste or upload any credential and see every check. Rate limited per address (<see cref="RateLimitPolicies.Verify"/>)
/// and verified within the verification budget: 413 over its size limits, 503 when busy or too slow. A pasted share link of
/// this deployment opens that share; a link to another site is refused and never fetched (<see cref="PastedLink"/>).
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Verify)]
public sealed class IndexModel(DeploymentVerifier verifier, VerificationBudget budget, OpenLerMetrics metrics, CredentialPrograms programs,
    IOptions<DeploymentOptions> options) : PageModel
{
    public VerificationResult? Result { get; private set; }

    /// <summary>What the result means and its headline (set with <see cref="Result"/>).</summary>
    public ResultDisplay? Display { get; private set; }

    public CredentialView? View { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Credential, Clean = false)] string? credential, IFormFile? file)
    {
        var text = credential;
        if (file is { Length: > 0 })
        {
            if (file.Length > budget.Limits.MaxBytes)
            {
                return BudgetedVerification.TooLarge(new(ErrorCodes.DocumentTooLarge, "The file is too large.")).Refuse(HttpContext);
            }

            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Error = L.Key("Paste a credential or choose a file.");
            return Page();
        }

        var origins = new List<Uri>();
        if (Uri.TryCreate(options.Value.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            origins.Add(baseUrl);
        }

        if (Uri.TryCreate($"{Request.Scheme}://{Request.Host}", UriKind.Absolute, out var requested))
        {
            origins.Add(requested);
        }

        switch (PastedLink.Read(text, origins, out var token))
        {
            case PastedLinkKind.Share:
                return Redirect("/s/" + token);
            case PastedLinkKind.Foreign:
                Error = L.Key("This is a link to another website. We do not open links from other websites: ask the person for the credential file, or for a link made on this service.");
                return Page();
        }

        var outcome = await budget.RunAsync(text, ct => verifier.VerifyAsync(text, ct), HttpContext.RequestAborted);
        if (outcome.Result is null)
        {
            return outcome.Refuse(HttpContext);
        }

        Result = outcome.Result;
        metrics.Verification(Result, "verify-page", cached: false);
        if (Result.Credential?.Document is JsonObject document)
        {
            View = Result.Credential.Format == CredentialFormats.SdJwtVc ? CredentialView.FromSdJwtVc(document) : CredentialView.From(document);
            if (Result[CheckNames.IssuerTrust]?.Status != CheckStatus.Passed)
            {
                View = View.ForUnrecognizedIssuer();
            }
        }

        // A credential of one of this deployment's programs shows its organization's translation beside the signed text.
        var program = View is null ? null : await programs.ForAsync(Result, View, Languages.Current.Code, HttpContext.RequestAborted);
        Display = new ResultDisplay(Result, View) { Primary = true, Program = program };

        return Page();
    }
}
