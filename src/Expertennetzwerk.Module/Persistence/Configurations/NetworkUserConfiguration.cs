using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class NetworkUserConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<NetworkUser>(options, "users")
{
    protected override void ConfigureEntity(EntityTypeBuilder<NetworkUser> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Email).HasMaxLength(320).IsRequired();
        builder.Property(x => x.Culture).HasMaxLength(16).IsRequired();
        builder.HasIndex(x => new { x.NetworkId, x.Email });
    }
}
