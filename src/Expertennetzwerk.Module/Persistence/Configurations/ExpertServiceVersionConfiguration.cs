using Expertennetzwerk.Module.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ExpertServiceVersionConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ExpertServiceVersion>(options, "service_versions")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ExpertServiceVersion> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.Title).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Description).HasMaxLength(20_000).IsRequired();
        builder.Property(x => x.RequiredPermission).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.FeeKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ProgressSteps)
            .HasConversion(new JsonListConverter(), JsonListConverter.Comparer)
            .HasMaxLength(4_000);
        builder.Property(x => x.FormDefinitionJson).IsRequired();
        builder.Property(x => x.DataCategoriesJson).IsRequired();
        builder.Property(x => x.TemplatesJson).IsRequired();
        builder.Property(x => x.RejectionReason).HasMaxLength(2_000);
        builder.HasIndex(x => new { x.NetworkId, x.ServiceId, x.VersionNumber }).IsUnique();
    }
}
