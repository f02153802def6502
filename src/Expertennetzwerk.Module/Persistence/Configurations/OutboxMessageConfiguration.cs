using Expertennetzwerk.Module.Outbox;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OutboxMessage>(options, "outbox")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.EventType).HasMaxLength(64).IsRequired();
        builder.Property(x => x.Recipients).HasMaxLength(1_000).IsRequired();
        builder.Property(x => x.PayloadJson).IsRequired();
        builder.Property(x => x.IdempotencyKey).HasMaxLength(200).IsRequired();
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.LeaseOwner).HasMaxLength(100);
        builder.Property(x => x.LastError).HasMaxLength(2_000);
        builder.HasIndex(x => x.IdempotencyKey).IsUnique();
        builder.HasIndex(x => new { x.Status, x.DueAt });
        builder.HasIndex(x => new { x.NetworkId, x.Status, x.LastAttemptAt, x.Id }); // dead letters, newest first
    }
}
