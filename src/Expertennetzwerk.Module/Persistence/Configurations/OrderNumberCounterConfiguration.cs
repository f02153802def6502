using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OrderNumberCounterConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OrderNumberCounter>(options, "order_number_counters")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrderNumberCounter> builder)
    {
        builder.HasKey(x => new { x.NetworkId, x.Year });
    }
}
