using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Verify;

/// <summary>Paste or upload any credential and see every check; bodies over the request limit answer 413.</summary>
public sealed class IndexModel(DeploymentVerifier verifier) : PageModel
{
    public VerificationResult? Result { get; private set; }

    public CredentialView? View { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? credential, IFormFile? file)
    {
        var text = credential;
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Error = L.Key("Paste a credential or choose a file.");
            return Page();
        }

        Result = await verifier.VerifyAsync(text, HttpContext.RequestAborted);
        if (Result.Credential?.Document is JsonObject document)
        {
            View = Result.Credential.Format == CredentialFormats.SdJwtVc ? CredentialView.FromSdJwtVc(document) : CredentialView.From(document);
        }

        return Page();
    }
}
