using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Something the person must be told at their next sign-in, such as "a caseworker of IRC Tucson made a sign-in code for
/// your account on 7 December". Shown once, then marked seen.
/// </summary>
public sealed class AccountNotice
{
    public Guid Id { get; set; }

    public Guid JobseekerId { get; set; }

    /// <summary><see cref="NoticeKinds"/>.</summary>
    public string Kind { get; set; } = NoticeKinds.CodeMadeByStaff;

    public Guid? OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SeenAt { get; set; }
}

/// <summary>Kinds of notice.</summary>
public static class NoticeKinds
{
    public const string CodeMadeByStaff = "code-made-by-staff";
    public const string InvitationPending = "invitation-pending";
}

internal sealed class AccountNoticeConfiguration : IEntityTypeConfiguration<AccountNotice>
{
    public void Configure(EntityTypeBuilder<AccountNotice> builder)
    {
        builder.ToTable("AccountNotices");
        builder.HasIndex(n => new { n.JobseekerId, n.SeenAt });
        builder.Property(n => n.Kind).HasMaxLength(32);
    }
}
