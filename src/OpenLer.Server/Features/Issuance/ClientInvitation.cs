using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// An organization's request to link its client record to a person's existing account. The code goes to the person's
/// own contact; staff never see it. The person enters it themselves and agrees or refuses.
/// </summary>
public sealed class ClientInvitation
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ClientId { get; set; }

    public Guid JobseekerId { get; set; }

    /// <summary>Keyed hash of the code (as for sign-in codes).</summary>
    public string CodeHash { get; set; } = "";

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? DeclinedAt { get; set; }
}

internal sealed class ClientInvitationConfiguration : IEntityTypeConfiguration<ClientInvitation>
{
    public void Configure(EntityTypeBuilder<ClientInvitation> builder)
    {
        builder.ToTable("ClientInvitations");
        builder.HasIndex(i => new { i.JobseekerId, i.ExpiresAt });
        builder.HasIndex(i => i.ClientId);
        builder.Property(i => i.CodeHash).HasMaxLength(64);
    }
}
