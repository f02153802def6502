using Expertennetzwerk.Module.Idempotency;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<IdempotencyRecord>(options, "idempotency_keys")
{
    protected override void ConfigureEntity(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(x => new { x.NetworkId, x.UserId, x.PartyId, x.Key });
        builder.Property(x => x.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(x => x.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(200);
        builder.Property(x => x.Location).HasMaxLength(2_000);
        builder.Property(x => x.ETag).HasMaxLength(100);
        builder.HasIndex(x => x.CreatedAt); // removing expired keys
    }
}
