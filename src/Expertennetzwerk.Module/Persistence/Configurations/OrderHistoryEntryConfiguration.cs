using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OrderHistoryEntryConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OrderHistoryEntry>(options, "order_history")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrderHistoryEntry> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.PartyKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Event).HasMaxLength(64).IsRequired();
        builder.Property(x => x.FromState).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.ToState).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.Text).HasMaxLength(4_000);
        builder.Ignore(x => x.IsStateChange);
        builder.HasIndex(x => new { x.NetworkId, x.OrderId, x.Sequence }).IsUnique();
    }
}
