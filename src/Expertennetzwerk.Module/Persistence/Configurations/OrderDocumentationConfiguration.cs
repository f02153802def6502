using Expertennetzwerk.Module.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

internal sealed class OrderDocumentationConfiguration(ExpertennetzwerkModelOptions options)
    : ModuleEntityConfiguration<OrderDocumentation>(options, "order_documentation")
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrderDocumentation> builder)
    {
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Text).HasMaxLength(20_000).IsRequired();
        builder.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.DocumentationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(x => new { x.NetworkId, x.OrderId, x.At });
    }
}
