using Expertennetzwerk.Module.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ServiceCategoryConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ServiceCategory>(options, "service_categories")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ServiceCategory> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Key).HasMaxLength(64).IsRequired();
        builder.Property(x => x.NameGerman).HasMaxLength(200).IsRequired();
        builder.Property(x => x.NameEnglish).HasMaxLength(200).IsRequired();
        builder.HasIndex(x => new { x.NetworkId, x.Key }).IsUnique();
    }
}
