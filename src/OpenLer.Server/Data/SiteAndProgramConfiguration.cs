using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Data;

internal sealed class ProgramLanguageConfiguration : IEntityTypeConfiguration<AchievementProgram>
{
    public void Configure(EntityTypeBuilder<AchievementProgram> builder) =>
        builder.Property(p => p.Language).HasMaxLength(16).HasDefaultValue("en");
}

internal sealed class SitePhoneRegionConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder) =>
        builder.Property(s => s.PhoneRegion).HasMaxLength(2).HasDefaultValue("US");
}
