using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;

namespace OpenLer.Server.Data;

/// <summary>
/// The app's database. Features configure their own entities (IEntityTypeConfiguration classes in their folders);
/// provider-specific subclasses carry the migrations for SQLite and PostgreSQL.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Jobseeker> Jobseekers => Set<Jobseeker>();
    public DbSet<LoginCode> LoginCodes => Set<LoginCode>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<AchievementProgram> Programs => Set<AchievementProgram>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<IssuedCredential> Credentials => Set<IssuedCredential>();
    public DbSet<SelfReportedExperience> SelfReported => Set<SelfReportedExperience>();
    public DbSet<Share> Shares => Set<Share>();
    public DbSet<ShareItem> ShareItems => Set<ShareItem>();
    public DbSet<ShareOpen> ShareOpens => Set<ShareOpen>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<StatusListDocument> StatusLists => Set<StatusListDocument>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<Organization>().HasIndex(o => o.Slug).IsUnique();
        builder.Entity<Organization>().Property(o => o.Slug).HasMaxLength(64);
        // At most one practice space per organization (created on first use).
        builder.Entity<Organization>().HasIndex(o => o.PracticeOf).IsUnique();
        builder.Entity<Enrollment>().Property(e => e.LegacyEvidence).HasColumnName("Evidence");
        builder.Entity<IssuedCredential>().Property(c => c.LegacyJson).HasColumnName("Json");
        builder.Entity<IssuedCredential>().Property(c => c.LegacyRevocationReason).HasColumnName("RevocationReason");
        // One wallet credential per enrollment; copies delivered to other wallets share the enrollment, one per offer.
        builder.Entity<IssuedCredential>().HasIndex(c => c.EnrollmentId).IsUnique().HasFilter("\"SourceCredentialId\" IS NULL");
        builder.Entity<IssuedCredential>().HasIndex(c => c.OfferId).IsUnique();
        builder.Entity<IssuedCredential>().HasIndex(c => c.SourceCredentialId);
        builder.Entity<IssuedCredential>().Property(c => c.Format).HasMaxLength(32).HasDefaultValue(CredentialFormatNames.LdpVc);
        builder.Entity<IssuedCredential>().HasIndex(c => new { c.OrganizationId, c.StatusPurpose, c.StatusListNumber, c.StatusListIndex }).IsUnique();
        builder.Entity<IssuedCredential>().HasIndex(c => c.JobseekerId);
        builder.Entity<SelfReportedExperience>().Property(e => e.LegacyDescription).HasColumnName("Description");
        builder.Entity<SelfReportedExperience>().HasIndex(e => e.JobseekerId);
        builder.Entity<Share>().HasIndex(s => s.TokenHash).IsUnique();
        builder.Entity<Share>().HasIndex(s => s.JobseekerId);
        builder.Entity<Share>().Property(s => s.LegacyLabel).HasColumnName("Label");
        builder.Entity<Share>().Property(s => s.Nonce).HasMaxLength(32);
        builder.Entity<ShareItem>().Property(i => i.Kind).HasMaxLength(24);
        builder.Entity<ShareItem>().Property(i => i.Facts).HasMaxLength(300);
        builder.Entity<ShareItem>().HasIndex(i => i.SelfReportedId);
        builder.Entity<ShareItem>().HasIndex(i => i.CredentialId);
        builder.Entity<Enrollment>().HasIndex(e => new { e.OrganizationId, e.EnrolledAt });
        builder.Entity<Share>().HasMany(s => s.Items).WithOne().HasForeignKey(i => i.ShareId);
        builder.Entity<ShareOpen>().HasIndex(o => o.ShareId);
        builder.Entity<Employer>().HasIndex(e => new { e.OrganizationId, e.CompanyId }).IsUnique();
        builder.Entity<Employer>().HasIndex(e => e.CompanyId);
        builder.Entity<StatusListDocument>().HasIndex(l => new { l.OrganizationId, l.Purpose, l.Number }).IsUnique();
    }
}

/// <summary>SQLite (the default): migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL (Database:Provider=Postgres): migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
