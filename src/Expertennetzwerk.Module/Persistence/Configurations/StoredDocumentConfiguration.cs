using Expertennetzwerk.Module.Documents;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class StoredDocumentConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<StoredDocument>(options, "documents")
{
    protected override void ConfigureEntity(EntityTypeBuilder<StoredDocument> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.FileName).HasMaxLength(255).IsRequired();
        builder.Property(x => x.ContentType).HasMaxLength(128).IsRequired();
        builder.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(x => new { x.NetworkId, x.CreatedAt });
    }
}
