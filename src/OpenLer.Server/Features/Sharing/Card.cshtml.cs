using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The printable share card of a live link: the person's name, the credentials' titles, the QR, the link, the day it stops
/// working and the issuing organizations, on one A4 or Letter page (the print stylesheet hides navigation and buttons). A
/// link that is stopped, expired or was made before tokens were kept goes back to its page, which says why.
/// </summary>
public sealed class CardModel(HolderShares holderShares) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public HolderShare Share { get; private set; } = null!;

    public string QrDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var share = await holderShares.FindAsync(User.JobseekerId(), Id, HttpContext.RequestAborted);
        if (share is null)
        {
            return NotFound();
        }

        if (!share.Live || share.Link is null)
        {
            return Redirect($"/sharing/{Id}");
        }

        Share = share;
        QrDataUri = ShareQr.DataUri(share.Link);
        Response.Headers.CacheControl = "no-store";
        SecurityHeaders.AllowShareScript(HttpContext);
        return Page();
    }
}
