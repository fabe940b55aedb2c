using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// One offer of a credential to another wallet: a single QR code / link (the interaction URL) that a wallet follows with the
/// VC-API exchange or OpenID4VCI (pre-authorized code + transaction code). Single use (one credential, to one wallet), it
/// expires (default 15 minutes), can be cancelled, and is cancelled after too many wrong transaction codes. The token in the
/// link is the pre-authorized code; the database keeps its SHA-256 hash for look-ups, and a copy encrypted in the person's
/// scope so the page can show the QR again while the offer lasts. The transaction code is kept as a keyed hash only.
/// </summary>
public sealed class WalletOffer
{
    public const string Table = "WalletOffers";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid JobseekerId { get; set; }

    /// <summary>The credential in the person's OpenLER wallet that the other wallet receives a copy of.</summary>
    public Guid SourceCredentialId { get; set; }

    public string TokenHash { get; set; } = "";

    public string TokenCipher { get; set; } = "";

    public string TxCodeHash { get; set; } = "";

    /// <summary>The OpenID4VCI configuration ids offered, space-separated.</summary>
    public string ConfigurationIds { get; set; } = "";

    public int TxCodeAttempts { get; set; }

    /// <summary>jobseeker or staff (who made the offer; the staff id in <see cref="CreatedById"/>).</summary>
    public string CreatedByKind { get; set; } = "";

    public string? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    /// <summary>cancelled (by a person) or tx-code (too many wrong transaction codes).</summary>
    public string? CancelReason { get; set; }

    /// <summary>When the pre-authorized code was exchanged for an access token (it works once).</summary>
    public DateTime? CodeUsedAt { get; set; }

    /// <summary>The challenge of the VC-API exchange's DID authentication request, once a wallet started it.</summary>
    public string? ExchangeChallenge { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>The DID of the wallet that received the credential (its subject).</summary>
    public string? ReceivedByDid { get; set; }

    /// <summary>vcapi, oid4vci-1.0 or oid4vci-draft13.</summary>
    public string? ReceivedProtocol { get; set; }

    public string? ReceivedFormat { get; set; }

    public Guid? DeliveredCredentialId { get; set; }
}

internal sealed class WalletOfferConfiguration : IEntityTypeConfiguration<WalletOffer>
{
    public void Configure(EntityTypeBuilder<WalletOffer> builder)
    {
        builder.ToTable(WalletOffer.Table);
        builder.HasIndex(o => o.TokenHash).IsUnique();
        builder.HasIndex(o => o.JobseekerId);
        builder.HasIndex(o => o.SourceCredentialId);
        builder.Property(o => o.TokenHash).HasMaxLength(64);
        builder.Property(o => o.ConfigurationIds).HasMaxLength(512);
        builder.Property(o => o.CreatedByKind).HasMaxLength(16);
        builder.Property(o => o.CreatedById).HasMaxLength(64);
        builder.Property(o => o.CancelReason).HasMaxLength(16);
        builder.Property(o => o.ExchangeChallenge).HasMaxLength(64);
        builder.Property(o => o.ReceivedByDid).HasMaxLength(2048);
        builder.Property(o => o.ReceivedProtocol).HasMaxLength(32);
        builder.Property(o => o.ReceivedFormat).HasMaxLength(32);
    }
}
