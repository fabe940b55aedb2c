using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Printing;

namespace OpenLer.Server.Features.Certificates;

/// <summary>
/// The holder downloads the certificate of one of their credentials (POST, so the share link it makes is not made by a
/// link preview or a prefetch): as a PDF when Chromium is installed, else, or when printing fails, as a printable page that
/// says so. Another person's credential, a revoked one or an unknown id answers 404.
/// </summary>
public sealed class CertificateModel(Certificates certificates, CertificateDocument document, ChromiumPdf pdf) : PageModel
{
    /// <summary>The form's value asking for the printable page instead of the PDF.</summary>
    public const string PrintableFormat = "html";

    [FromRoute]
    public Guid Id { get; set; }

    public IActionResult OnGet() => Redirect($"/wallet/credentials/{Id}");

    public async Task<IActionResult> OnPostAsync(string? format)
    {
        var facts = await certificates.PrepareAsync(User.JobseekerId(), Id, Languages.Current.Code, HttpContext.RequestAborted);
        if (facts is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        string notice;
        if (format == PrintableFormat)
        {
            notice = L.Key("Print this page, or save it as a PDF. Only the certificate is printed.");
        }
        else if (!pdf.IsAvailable)
        {
            notice = L.Key("PDF certificates are not available on this server. Print this page, or save it as a PDF: only the certificate is printed.");
        }
        else
        {
            var printed = await pdf.RenderAsync(document.Render(facts), HttpContext.RequestAborted);
            if (printed.IsSuccess)
            {
                return File(printed.Value, "application/pdf", $"certificate-{Id:N}.pdf");
            }

            notice = L.Key("We could not make the PDF just now. Print this page, or save it as a PDF: only the certificate is printed.");
        }

        // The printable page carries its own style: the CSP allows that one style element by its hash, and nothing else.
        Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy.Replace("style-src 'self'", "style-src " + CertificateDocument.StyleHash, StringComparison.Ordinal);
        return Content(document.Render(facts, notice), "text/html; charset=utf-8");
    }
}
