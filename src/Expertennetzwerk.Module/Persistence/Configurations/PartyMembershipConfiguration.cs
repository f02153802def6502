using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class PartyMembershipConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<PartyMembership>(options, "party_memberships")
{
    protected override void ConfigureEntity(EntityTypeBuilder<PartyMembership> builder)
    {
        builder.HasKey(x => new { x.NetworkId, x.UserId, x.PartyId });
        builder.HasIndex(x => new { x.NetworkId, x.PartyId });
    }
}
