using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Expertennetzwerk.Module.Persistence.Configurations;

/// <summary>Base of the module's entity configurations: names the table with the configured prefix and schema.</summary>
internal abstract class ModuleEntityConfiguration<T>(ExpertennetzwerkModelOptions options, string table) : IEntityTypeConfiguration<T>
    where T : class
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(options.TablePrefix + table, options.Schema);
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}
