using Expertennetzwerk.Module.Messaging;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class DigitalMessageThreadCountConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<DigitalMessageThreadCount>(options, "message_thread_counts")
{
    protected override void ConfigureEntity(EntityTypeBuilder<DigitalMessageThreadCount> builder)
    {
        // The key's prefix (network, party) sums a party's received messages over its threads.
        builder.HasKey(x => new { x.NetworkId, x.PartyId, x.OrderId });
    }
}
