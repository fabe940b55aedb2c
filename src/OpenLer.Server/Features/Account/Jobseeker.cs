using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// A person's own account (the holder of a wallet). It belongs to the person: organizations link to it only with their
/// consent (<see cref="Issuance.ClientInvitation"/>). The contact and name are encrypted (people's scope); the contact is
/// found through a keyed blind index.
/// </summary>
public sealed class Jobseeker
{
    public Guid Id { get; set; }

    /// <summary>Blind index of the normalized contact (unique); null only on rows not yet upgraded from plain text.</summary>
    public string? ContactIndex { get; set; }

    /// <summary>The normalized contact (e-mail address, or phone number in E.164), encrypted.</summary>
    public string? ContactCipher { get; set; }

    /// <summary><see cref="ContactKinds.Email"/> or <see cref="ContactKinds.Phone"/>.</summary>
    public string ContactKind { get; set; } = ContactKinds.Email;

    /// <summary>The name the person goes by, encrypted.</summary>
    public string? NameCipher { get; set; }

    public string Language { get; set; } = "en";

    /// <summary>The organization that created the account for the person (null: the person or another path).</summary>
    public Guid? CreatedByOrganizationId { get; set; }

    /// <summary>
    /// When the person first proved they hold the contact themselves (a code sent there, or an invitation they accepted).
    /// After that, no caseworker can make a sign-in code for the account.
    /// </summary>
    public DateTime? ClaimedAt { get; set; }

    /// <summary>Whether the person gets a message when a credential is issued or a share is first opened.</summary>
    public bool Notifications { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>When the person first signed in to their wallet (pilot reporting: the funnel's first wallet sign-in).</summary>
    public DateTime? FirstSignInAt { get; set; }

    /// <summary>Plain-text contact of a database from before field encryption; emptied by the upgrade at start.</summary>
    public string? LegacyContact { get; set; }

    /// <summary>Plain-text name of a database from before field encryption; emptied by the upgrade at start.</summary>
    public string? LegacyDisplayName { get; set; }

    public const string Table = "Jobseekers";
}

/// <summary>How a contact reaches the person.</summary>
public static class ContactKinds
{
    public const string Email = "email";
    public const string Phone = "phone";
}

internal sealed class JobseekerConfiguration : IEntityTypeConfiguration<Jobseeker>
{
    public void Configure(EntityTypeBuilder<Jobseeker> builder)
    {
        builder.ToTable(Jobseeker.Table);
        builder.HasIndex(j => j.ContactIndex).IsUnique();
        builder.Property(j => j.ContactIndex).HasMaxLength(64);
        builder.Property(j => j.ContactKind).HasMaxLength(8);
        builder.Property(j => j.Language).HasMaxLength(16);
        builder.Property(j => j.LegacyContact).HasColumnName("Contact");
        builder.Property(j => j.LegacyDisplayName).HasColumnName("DisplayName");
    }
}
