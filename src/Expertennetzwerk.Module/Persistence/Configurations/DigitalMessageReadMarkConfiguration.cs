using Expertennetzwerk.Module.Messaging;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class DigitalMessageReadMarkConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<DigitalMessageReadMark>(options, "message_read_marks")
{
    protected override void ConfigureEntity(EntityTypeBuilder<DigitalMessageReadMark> builder)
    {
        // One mark per user, party and order; the key's prefix (network, party, user) sums a user's read counts.
        builder.HasKey(x => new { x.NetworkId, x.PartyId, x.UserId, x.OrderId });

        // The watermark only grows; two simultaneous marks of one user must not lower it.
        builder.Property(x => x.ReadUpToSequence).IsConcurrencyToken();
    }
}
