using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenLer.Server.Features.Account;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// A person on an organization's caseload: the organization's own record (the name and contact its staff entered,
/// encrypted with the organization's key), linked to the person's account only when the organization created that
/// account or the person accepted an invitation.
/// </summary>
public sealed class Client
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid? SiteId { get; set; }

    /// <summary>The person's account once linked; null while an invitation waits for the person's answer.</summary>
    public Guid? JobseekerId { get; set; }

    public Jobseeker? Jobseeker { get; set; }

    /// <summary><see cref="ClientLinks"/>: how the record relates to the person's account.</summary>
    public string Link { get; set; } = ClientLinks.Created;

    /// <summary>The name staff entered, encrypted (organization scope).</summary>
    public string? NameCipher { get; set; }

    /// <summary>The normalized contact staff entered, encrypted (organization scope).</summary>
    public string? ContactCipher { get; set; }

    /// <summary>Blind index of the contact within the organization (one record per person and organization).</summary>
    public string? ContactIndex { get; set; }

    public string Language { get; set; } = "en";

    public DateTime CreatedAt { get; set; }

    public const string Table = "Clients";
}

/// <summary>How a client record relates to the person's own account.</summary>
public static class ClientLinks
{
    /// <summary>The organization created the account (it may print sign-in codes until the person claims it).</summary>
    public const string Created = "created";

    /// <summary>The person already had an account; an invitation code was sent to them and nothing is shared yet.</summary>
    public const string Invited = "invited";

    /// <summary>The person accepted the invitation.</summary>
    public const string Linked = "linked";

    /// <summary>The person refused the invitation.</summary>
    public const string Declined = "declined";

    /// <summary>The person deleted their account: the organization keeps its case file, linked to no account.</summary>
    public const string AccountDeleted = "account-deleted";
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable(Client.Table);
        builder.HasIndex(c => new { c.OrganizationId, c.ContactIndex }).IsUnique();
        builder.HasIndex(c => new { c.OrganizationId, c.JobseekerId });
        builder.HasIndex(c => new { c.OrganizationId, c.SiteId });
        builder.Property(c => c.Link).HasMaxLength(16);
        builder.Property(c => c.ContactIndex).HasMaxLength(64);
        builder.Property(c => c.Language).HasMaxLength(16);
    }
}
