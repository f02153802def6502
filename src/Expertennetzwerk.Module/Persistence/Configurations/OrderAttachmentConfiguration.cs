using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OrderAttachmentConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OrderAttachment>(options, "order_attachments")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrderAttachment> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.FileName).HasMaxLength(255).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(128).IsRequired();
    }
}
