using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Protection;

/// <summary>
/// A 256-bit data key for field encryption or blind indexes, stored wrapped (encrypted) by ASP.NET Core Data Protection,
/// whose key ring is itself protected by a certificate or a key file outside the database. One scope per organization
/// (its clients' data) and one for people's own data (<see cref="FieldScope.People"/>).
/// </summary>
public sealed class DataKey
{
    public Guid Id { get; set; }

    /// <summary>The organization id, or <see cref="FieldScope.People"/> for data that belongs to a person.</summary>
    public Guid Scope { get; set; }

    /// <summary><see cref="DataKeyPurpose.Encryption"/> or <see cref="DataKeyPurpose.Index"/>: never the same key for both.</summary>
    public string Purpose { get; set; } = DataKeyPurpose.Encryption;

    /// <summary>The key, wrapped with Data Protection.</summary>
    public string WrappedKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a newer key takes over encryption: a retired key still decrypts until data is re-encrypted.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>Set when the key must never be used again: decryption with it is refused.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Set when a rotation has re-encrypted every value under this retired key: no row refers to it any more.</summary>
    public DateTime? DrainedAt { get; set; }
}

/// <summary>What a data key is for.</summary>
public static class DataKeyPurpose
{
    public const string Encryption = "encryption";
    public const string Index = "index";
}

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.ToTable("DataKeys");
        builder.HasIndex(k => new { k.Scope, k.Purpose, k.CreatedAt });
        builder.Property(k => k.Purpose).HasMaxLength(16);
    }
}
