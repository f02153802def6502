using Expertennetzwerk.Module.Messaging;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class DigitalMessageAttachmentConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<DigitalMessageAttachment>(options, "message_attachments")
{
    protected override void ConfigureEntity(EntityTypeBuilder<DigitalMessageAttachment> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.FileName).HasMaxLength(255).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(128).IsRequired();
    }
}
