using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Demo;

/// <summary>
/// "Demo zurücksetzen" (Development only): empties every table of the sample's model — the CRM's and the module's, the
/// stored mailbox included — in one statement or transaction, forgets the in-memory mails and seeds the demo again, as
/// on a fresh start. The schema and its migration history stay.
/// </summary>
public sealed class DemoReset(IDbContextFactory<SampleCrmDbContext> contexts, DemoSeeder seeder, DevelopmentMailbox memory, ILogger<DemoReset> logger)
{
    public async Task<DemoSeedResult> ResetAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var tables = db.Model.GetEntityTypes()
                .Select(t => t.GetTableName())
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Select(name => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
                .ToList();
            if (db.Database.IsNpgsql())
            {
                // One statement; CASCADE covers the foreign keys between the tables.
                var truncate = "TRUNCATE TABLE " + string.Join(", ", tables) + " CASCADE";
                await db.Database.ExecuteSqlRawAsync(truncate, cancellationToken);
            }
            else
            {
                // SQLite: foreign keys are checked at the commit, when every table is empty; the search index's triggers
                // empty it with the orders.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", cancellationToken);
                foreach (var table in tables)
                {
                    var delete = "DELETE FROM " + table;
                    await db.Database.ExecuteSqlRawAsync(delete, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }

        memory.Clear();
        logger.LogInformation("Demo data deleted; seeding again.");
        return await seeder.SeedAsync(cancellationToken);
    }
}
