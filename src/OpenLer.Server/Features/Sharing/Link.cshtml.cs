using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// One of the holder's links, seen again: the link in a read-only field, Copy (script), WhatsApp, SMS and e-mail, its QR,
/// when it stops working, how often it was opened, the printable card and the full-screen QR, and Stop. A link made before
/// tokens were kept shows that it cannot be shown again. Another person's link answers 404.
/// </summary>
public sealed class LinkModel(HolderShares holderShares, ShareService shares, IStringLocalizer<SharedResource> T) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public HolderShare Share { get; private set; } = null!;

    public SendLinks? Send { get; private set; }

    public string? QrDataUri { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var share = await holderShares.FindAsync(User.JobseekerId(), Id, HttpContext.RequestAborted);
        if (share is null)
        {
            return NotFound();
        }

        Share = share;
        Message = TempData["message"] as string;
        Response.Headers.CacheControl = "no-store";
        if (share.Live && share.Link is { } link)
        {
            Send = Messages(T, link);
            QrDataUri = ShareQr.DataUri(link);
            SecurityHeaders.AllowShareScript(HttpContext);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (!await shares.RevokeAsync(User.JobseekerId(), Id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = L.Key("The link is stopped. Nobody can open it any more.");
        return Redirect($"/sharing/{Id}");
    }

    /// <summary>The message and subject the send links carry, in the reader's language.</summary>
    public static SendLinks Messages(IStringLocalizer<SharedResource> localizer, string link)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return SendLinks.For(link, localizer["Here are my credentials, checked by OpenLER: {0}", link].Value, localizer["My credentials"].Value);
    }
}
