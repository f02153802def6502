using Expertennetzwerk.Module.Orders.Listing;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OrderStateCountConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OrderStateCount>(options, "order_state_counts")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrderStateCount> builder)
    {
        // Serves both the party's counts (network, role, party) and the operator's sum over all brokers (network, role).
        builder.HasKey(x => new { x.NetworkId, x.Role, x.PartyId, x.State });
        builder.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.State).HasMaxLength(24);
    }
}
