namespace OpenLer.Server.Features.Wallets;

/// <summary>What the offer pages show: the interaction URL and its QR, the OpenID4VCI offer and its QR, the DCC deep link.</summary>
public sealed record OfferView(string InteractionUrl, string OfferUri, string DccLink, DateTime ExpiresAt)
{
    public string InteractionQr => QrImages.DataUri(InteractionUrl);

    public string OfferQr => QrImages.DataUri(OfferUri, 4);

    public static OfferView For(WalletAddresses addresses, WalletOffer offer, string token)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(offer);
        return new OfferView(addresses.InteractionUrl(token), addresses.OfferUri(token), addresses.DccRequest(token), offer.ExpiresAt);
    }
}
