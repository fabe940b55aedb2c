using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The interaction URL of an offer (VCALM): a wallet that asks for JSON (<c>Accept: application/json</c>) receives the
/// protocols (<c>vcapi</c> and the OpenID4VCI offer); a browser receives a page with the QR code and plain instructions per
/// wallet. 404 for an unknown link, 410 for a used, cancelled or expired one.
/// </summary>
public sealed class InteractionModel(OfferService offers, WalletAddresses addresses) : PageModel
{
    public OfferState? State { get; private set; }

    public OfferView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers.CacheControl = "no-store";
        var offer = await offers.FindByTokenAsync(token, HttpContext.RequestAborted);
        State = offer is null ? null : offers.StateOf(offer);
        if (WantsJson(Request))
        {
            Response.Headers.AccessControlAllowOrigin = "*";
            return State == OfferState.Open
                ? new JsonResult(Oid4VciEndpoints.Protocols(addresses, token))
                : new JsonResult(new { error = "not_found", error_description = "This offer was already used, cancelled or has expired." }) { StatusCode = offer is null ? 404 : 410 };
        }

        if (State == OfferState.Open)
        {
            View = OfferView.For(addresses, offer!, token);
        }
        else
        {
            Response.StatusCode = offer is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return Page();
    }

    /// <summary>A wallet asks for JSON; a browser asks for HTML first.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
