using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// The interaction URL of a presentation request: JSON (<c>Accept: application/json</c>) gives the OpenID4VP link under
/// <c>oid4vp-1.0</c> and <c>OID4VP</c>; a browser gets a page that says who asks and how to answer (our wallet, or another
/// wallet app with the QR code).
/// </summary>
public sealed class PresentationInteractionModel(AppDbContext db, VerifierRequests requests) : PageModel
{
    public bool Open { get; private set; }

    public string Link { get; private set; } = "";

    public string Asker { get; private set; } = "";

    public string Qr { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers.CacheControl = "no-store";
        var request = await requests.FindAsync(token, HttpContext.RequestAborted);
        Open = request is not null && requests.IsOpen(request);
        if (Open)
        {
            Link = requests.WalletLink(request!, token);
        }

        if (Wallets.InteractionModel.WantsJson(Request))
        {
            Response.Headers.AccessControlAllowOrigin = "*";
            return Open
                ? new JsonResult(InteractionProtocols.Build(null, null, Link))
                : new JsonResult(new { error = "not_found" }) { StatusCode = StatusCodes.Status404NotFound };
        }

        if (!Open)
        {
            Response.StatusCode = request is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            return Page();
        }

        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == request!.OrganizationId).Select(o => o.Name).FirstAsync();
        var employer = request!.EmployerId is null ? null : await db.Employers.AsNoTracking().Where(e => e.Id == request.EmployerId).Select(e => e.Name).FirstOrDefaultAsync();
        Asker = employer is null ? org : $"{employer} ({org})";
        Qr = Wallets.QrImages.DataUri(Link, 4);
        return Page();
    }
}
