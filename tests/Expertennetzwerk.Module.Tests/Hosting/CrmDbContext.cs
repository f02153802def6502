using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>A row of the host CRM's own data, unrelated to the module.</summary>
public sealed class CrmNote
{
    public Guid Id { get; set; }

    public string Text { get; set; } = string.Empty;
}

/// <summary>A host CRM's own context that maps the module's model next to its own entities (one database, one model).</summary>
public sealed class CrmDbContext(DbContextOptions<CrmDbContext> options) : DbContext(options)
{
    /// <summary>The prefix the host chose for the module's tables.</summary>
    public const string ModuleTablePrefix = "crm_enw_";

    public DbSet<CrmNote> Notes => Set<CrmNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CrmNote>(note =>
        {
            note.ToTable("crm_notes");
            note.Property(n => n.Text).HasMaxLength(200);
        });
        modelBuilder.ApplyExpertennetzwerkModel(o => o.TablePrefix = ModuleTablePrefix);
    }
}

/// <summary>A host context that forgot <c>ApplyExpertennetzwerkModel()</c>.</summary>
public sealed class CrmWithoutModuleDbContext(DbContextOptions<CrmWithoutModuleDbContext> options) : DbContext(options)
{
    public DbSet<CrmNote> Notes => Set<CrmNote>();
}
