using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ExpertNetworkConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ExpertNetwork>(options, "networks")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ExpertNetwork> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.OrderNumberPrefix).HasMaxLength(10).IsRequired();
        builder.Property(x => x.TimeZoneId).HasMaxLength(64).IsRequired();
    }
}
