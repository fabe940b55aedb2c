using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Employers;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// Indexes the report's fingerprint (<see cref="ReportSnapshots"/>) reads, declared here beside the query that needs them:
/// each count and latest time of a funnel step is then read from an index alone (a few milliseconds at 200,000 rows, where
/// reading the rows would mean every credential's signed document).
/// </summary>
internal sealed class ReportIndexes :
    IEntityTypeConfiguration<Enrollment>, IEntityTypeConfiguration<IssuedCredential>, IEntityTypeConfiguration<Jobseeker>,
    IEntityTypeConfiguration<Share>, IEntityTypeConfiguration<ShareOpen>, IEntityTypeConfiguration<JobApplication>, IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder) => builder.HasIndex(e => new { e.OrganizationId, e.CompletedAt });

    public void Configure(EntityTypeBuilder<IssuedCredential> builder) => builder.HasIndex(c => new { c.OrganizationId, c.IssuedAt });

    public void Configure(EntityTypeBuilder<Jobseeker> builder) => builder.HasIndex(j => j.FirstSignInAt);

    public void Configure(EntityTypeBuilder<Share> builder) => builder.HasIndex(s => s.CreatedAt);

    public void Configure(EntityTypeBuilder<ShareOpen> builder) => builder.HasIndex(o => o.OpenedAt);

    public void Configure(EntityTypeBuilder<JobApplication> builder) => builder.HasIndex(a => a.AppliedAt);

    public void Configure(EntityTypeBuilder<ApplicationEvent> builder) => builder.HasIndex(e => e.At);
}
