namespace OpenLer.Server.Features.Wallets;

/// <summary>Where an offer stands, for pages and protocols.</summary>
public enum OfferState
{
    /// <summary>A wallet may still take it.</summary>
    Open,

    /// <summary>A wallet received the credential.</summary>
    Delivered,

    Expired,

    /// <summary>Cancelled by a person, or after too many wrong transaction codes.</summary>
    Cancelled,
}
