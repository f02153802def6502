using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class PartyConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<Party>(options, "parties")
{
    protected override void ConfigureEntity(EntityTypeBuilder<Party> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Name).HasMaxLength(200).IsRequired();
        builder.Property(x => x.BrokerKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Approval).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.VatStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(x => x.Address).HasMaxLength(500);
        builder.Property(x => x.TaxId).HasMaxLength(32);
        builder.HasMany(x => x.Registrations).WithOne().HasForeignKey(r => r.PartyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Registrations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(x => new { x.NetworkId, x.Kind });
    }
}
