using Expertennetzwerk.Module.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class DigitalMessageConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<DigitalMessage>(options, "messages")
{
    protected override void ConfigureEntity(EntityTypeBuilder<DigitalMessage> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.SenderPartyKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.RecipientName).HasMaxLength(DigitalMessages.MaxSubjectLength);
        builder.Property(x => x.RecipientAddress).HasMaxLength(DigitalMessages.MaxAddressLength);
        builder.Property(x => x.Subject).HasMaxLength(DigitalMessages.MaxSubjectLength);
        builder.Property(x => x.Text).HasMaxLength(DigitalMessages.MaxStoredTextLength).IsRequired();
        builder.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The thread, newest first, paged by sequence (the history sequence: unique per order).
        builder.HasIndex(x => new { x.NetworkId, x.OrderId, x.Sequence }).IsUnique();

        // A party's inbox across orders, newest first, keyset (SentAt, Id).
        builder.HasIndex(x => new { x.NetworkId, x.RecipientPartyId, x.SentAt, x.Id });
    }
}
