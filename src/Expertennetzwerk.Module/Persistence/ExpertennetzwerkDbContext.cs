using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// The module's own context, used when the host lets the module own its storage
/// (<c>UseEntityFrameworkCore(db =&gt; db.UseSqlite(...))</c>). A host with its own context calls
/// <see cref="ExpertennetzwerkModelBuilderExtensions.ApplyExpertennetzwerkModel"/> instead.
/// </summary>
public class ExpertennetzwerkDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    public ExpertennetzwerkDbContext(DbContextOptions<ExpertennetzwerkDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyExpertennetzwerkModel();
    }
}
