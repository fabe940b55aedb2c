using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Observability;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Paste or upload any credential and see every check. Rate limited per address (<see cref="RateLimitPolicies.Verify"/>)
/// and verified within the verification budget: 413 over its size limits, 503 when busy or too slow.
/// </summary>
[EnableRateLimiting(RateLimitPolicies.Verify)]
public sealed class IndexModel(DeploymentVerifier verifier, VerificationBudget budget, OpenLerMetrics metrics) : PageModel
{
    public VerificationResult? Result { get; private set; }

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

        return Page();
    }
}
