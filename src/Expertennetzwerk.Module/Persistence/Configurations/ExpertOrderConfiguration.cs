using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class ExpertOrderConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<ExpertOrder>(options, "orders")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ExpertOrder> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Number).HasMaxLength(32).IsRequired();
        builder.Property(x => x.CustomerRef).HasMaxLength(128).IsRequired();
        builder.Property(x => x.CustomerDisplayName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.CustomerSnapshotJson).IsRequired();
        builder.Property(x => x.FormDataJson).IsRequired();
        builder.Property(x => x.SearchText).HasMaxLength(240).IsRequired();
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.DisputedFromState).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.ProgressStep).HasMaxLength(200);

        // A token the code sets itself: portable across providers (no rowversion, no xmin).
        builder.Property(x => x.Version).IsConcurrencyToken();

        builder.HasIndex(x => new { x.NetworkId, x.Number }).IsUnique();

        // Lists sort by (UpdatedAt, Id) descending and page by keyset; each visible slice has its own index range.
        builder.HasIndex(x => new { x.NetworkId, x.BrokerPartyId, x.UpdatedAt, x.Id });
        builder.HasIndex(x => new { x.NetworkId, x.BrokerPartyId, x.State, x.UpdatedAt, x.Id });
        builder.HasIndex(x => new { x.NetworkId, x.AssignedExpertPartyId, x.UpdatedAt, x.Id });

        // The expert's open orders: one range on IsOpen instead of an IN-list over states (which grew 8× on PostgreSQL).
        builder.HasIndex(x => new { x.NetworkId, x.AssignedExpertPartyId, x.IsOpen, x.UpdatedAt, x.Id });
        builder.HasIndex(x => new { x.NetworkId, x.UpdatedAt, x.Id });
        builder.HasIndex(x => new { x.NetworkId, x.State, x.UpdatedAt, x.Id });
        builder.HasIndex(x => new { x.NetworkId, x.BrokerPartyId, x.CustomerRef });
    }
}
