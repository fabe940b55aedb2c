using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// A live link's QR alone, as large as the screen allows, with its title: for showing a phone to an employer in person.
/// A link that is stopped, expired or was made before tokens were kept goes back to its page.
/// </summary>
public sealed class QrModel(HolderShares holderShares) : PageModel
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
        QrDataUri = ShareQr.DataUri(share.Link, pixelsPerModule: 12);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
