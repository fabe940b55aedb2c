namespace OpenLer.Server.Features.Wallets;

/// <summary>A new offer with its secrets, shown once: the token (in the QR and links) and the transaction code.</summary>
public sealed record CreatedOffer(WalletOffer Offer, string Token, string TxCode)
{
    /// <summary>Redacted: never logs the token or the code.</summary>
    public override string ToString() => $"offer {Offer.Id}";
}
