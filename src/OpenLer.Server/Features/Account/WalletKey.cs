using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// A holder key the person's wallet keeps: a fresh Ed25519 key per credential (so two credentials cannot be linked by
/// their subject), whose did:key is the credential subject's id. The private key never leaves the server unencrypted:
/// it is encrypted in people's scope and used only to present the credential (key binding, presentations).
/// </summary>
public sealed class WalletKey
{
    public Guid Id { get; set; }

    public Guid JobseekerId { get; set; }

    /// <summary>The credential this key is the subject of (null for a key made for another purpose).</summary>
    public Guid? CredentialId { get; set; }

    public string Did { get; set; } = "";

    public string PublicKeyMultibase { get; set; } = "";

    /// <summary>The private key (multibase), encrypted with the field protector (people's scope, bound to this row).</summary>
    public string PrivateKeyCipher { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public const string Table = "WalletKeys";
}

internal sealed class WalletKeyConfiguration : IEntityTypeConfiguration<WalletKey>
{
    public void Configure(EntityTypeBuilder<WalletKey> builder)
    {
        builder.ToTable(WalletKey.Table);
        builder.HasIndex(k => k.JobseekerId);
        builder.HasIndex(k => k.CredentialId);
        builder.HasIndex(k => k.Did).IsUnique();
    }
}
