using Expertennetzwerk.Module.Catalog;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ExpertServiceConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ExpertService>(options, "services")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ExpertService> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(x => new { x.NetworkId, x.ExpertPartyId });
        builder.HasIndex(x => new { x.NetworkId, x.CategoryId });
    }
}
