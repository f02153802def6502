using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Persistence;

/// <summary>
/// Creates a fresh context for each command, so a module command never commits changes the host left pending in its
/// own scoped context.
/// </summary>
internal interface IModuleDbContextFactory
{
    /// <summary>The context type (the module's own or the host's).</summary>
    Type ContextType { get; }

    DbContext CreateDbContext();
}

internal sealed class ModuleDbContextFactory<TContext>(IDbContextFactory<TContext> factory) : IModuleDbContextFactory
    where TContext : DbContext
{
    public Type ContextType => typeof(TContext);

    public DbContext CreateDbContext() => factory.CreateDbContext();
}
