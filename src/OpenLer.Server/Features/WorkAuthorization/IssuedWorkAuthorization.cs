using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenLer.Server.Features.StatusLists;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// A work-authorization SD-JWT VC issued into a person's wallet. The wallet's copy (the SD-JWT with every disclosure) is
/// encrypted in people's scope, bound to this row; its expiry and every fact stay inside it (nothing in clear here). The
/// Token Status List entry is <see cref="TokenStatusEntry"/> with this id.
/// </summary>
public sealed class IssuedWorkAuthorization
{
    public const string Table = "WorkAuthorizationCredentials";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ClientId { get; set; }

    public Guid RecordId { get; set; }

    /// <summary>The record's <see cref="WorkAuthorizationRecord.Version"/> it was issued from.</summary>
    public int RecordVersion { get; set; }

    /// <summary>The wallet that holds it (null once the person deleted their account).</summary>
    public Guid? JobseekerId { get; set; }

    public Guid SigningKeyId { get; set; }

    /// <summary>The holder key's did:key (the wallet key in <see cref="Account.WalletKey"/> with this credential id).</summary>
    public string HolderDid { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    /// <summary>The SD-JWT VC as issued (with every disclosure), encrypted (people's scope); null once removed from the wallet.</summary>
    public string? SdJwtCipher { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary><see cref="RevocationReasons"/>.</summary>
    public string? RevocationReason { get; set; }

    public DateTime? WalletRemovedAt { get; set; }
}

/// <summary>Why a work-authorization credential was revoked (codes, shown translated).</summary>
public static class RevocationReasons
{
    /// <summary>A newer document was recorded and a new credential issued.</summary>
    public const string Replaced = "replaced";

    /// <summary>Staff revoked it (the document is no longer valid, or it was a mistake).</summary>
    public const string Staff = "staff";
}

internal sealed class IssuedWorkAuthorizationConfiguration : IEntityTypeConfiguration<IssuedWorkAuthorization>
{
    public void Configure(EntityTypeBuilder<IssuedWorkAuthorization> builder)
    {
        builder.ToTable(IssuedWorkAuthorization.Table);
        builder.HasIndex(c => new { c.OrganizationId, c.ClientId });
        builder.HasIndex(c => c.JobseekerId);
        builder.Property(c => c.HolderDid).HasMaxLength(128);
        builder.Property(c => c.RevocationReason).HasMaxLength(16);
    }
}
