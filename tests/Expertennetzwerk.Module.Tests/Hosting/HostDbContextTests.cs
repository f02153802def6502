using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>
/// The second storage path: the module's model inside the host's own context (the first, module-owned context, is
/// what <see cref="ModuleHost"/> wires for every other test).
/// </summary>
public sealed class HostDbContextTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_module_command_never_commits_the_hosts_pending_changes(DatabaseKind kind)
    {
        await using var crm = await CrmHost.StartAsync(kind);
        var n = crm.Network;
        var saved = new CrmNote { Id = Guid.CreateVersion7(), Text = "Rückruf vereinbart" };
        await using (var db = crm.CreateContext())
        {
            db.Notes.Add(saved);
            await db.SaveChangesAsync();
        }

        await using (var scope = crm.Services.CreateAsyncScope())
        {
            // The host's own unit of work, half done: a new note and an edited one, not saved.
            var hostDb = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            hostDb.Notes.Add(new CrmNote { Id = Guid.CreateVersion7(), Text = "noch nicht gespeichert" });
            (await hostDb.Notes.SingleAsync()).Text = "geändert, nicht gespeichert";
            hostDb.ChangeTracker.HasChanges().Should().BeTrue();

            var orders = scope.ServiceProvider.GetRequiredService<ExpertOrderService>();
            var created = await orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-2"));
            OrderDriver.Ok(created, "CreateDraft");
            OrderDriver.Ok(await orders.PlaceAsync(n.Broker, created.Value.OrderId), "Place");
            OrderDriver.Ok(await orders.AcceptAsync(n.Expert, created.Value.OrderId), "Accept");

            await using (var check = crm.CreateContext())
            {
                (await check.Notes.AsNoTracking().ToListAsync()).Should().ContainSingle()
                    .Which.Should().BeEquivalentTo(saved, "the module's commands committed none of the host's pending changes");
                (await check.Set<ExpertOrder>().AsNoTracking().SingleAsync()).State.Should().Be(OrderState.InProgress);
            }

            hostDb.ChangeTracker.HasChanges().Should().BeTrue("the host's changes are still the host's to save");
            await hostDb.SaveChangesAsync();
        }

        await using (var check = crm.CreateContext())
        {
            (await check.Notes.AsNoTracking().Select(x => x.Text).ToListAsync()).Should().BeEquivalentTo("geändert, nicht gespeichert", "noch nicht gespeichert");
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_module_works_under_the_hosts_table_prefix(DatabaseKind kind)
    {
        await using var crm = await CrmHost.StartAsync(kind);
        var n = crm.Network;
        var orders = crm.Services.GetRequiredService<ExpertOrderService>();
        var queries = crm.Services.GetRequiredService<ExpertOrderQueries>();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var created = await orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-2"));
            OrderDriver.Ok(created, "CreateDraft");
            created.Value.Number.Should().Be($"EA-2026-00000{i + 1}", "the order number counter lives in the host's prefixed table");
            ids.Add(created.Value.OrderId);
        }

        OrderDriver.Ok(await orders.PlaceAsync(n.Broker, ids[0]), "Place");
        var page = await queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = "öztürk", PageSize = 2 });
        page.Status.Should().Be(ResultStatus.Ok, page.ToString());
        page.Value.Items.Should().HaveCount(2);
        page.Value.CountsByState![OrderState.Draft].Should().Be(2);
        page.Value.CountsByState[OrderState.Placed].Should().Be(1);
        var next = await queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = "öztürk", PageSize = 2, Cursor = page.Value.NextCursor });
        page.Value.Items.Concat(next.Value.Items).Select(i => i.Id).Should().BeEquivalentTo(ids);

        await using var db = crm.CreateContext();
        db.Model.FindEntityType(typeof(ExpertOrder))!.GetTableName().Should().Be("crm_enw_orders");
        var tables = await TableNamesAsync(db);
        tables.Should().Contain(["crm_notes", "crm_enw_orders", "crm_enw_order_history", "crm_enw_outbox", "crm_enw_order_state_counts"]);
        tables.Should().NotContain(t => t.StartsWith("enw_", StringComparison.Ordinal), "nothing lands under the default prefix");
    }

    private static async Task<List<string>> TableNamesAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A host CRM: its own context registered with AddDbContextFactory, the module stored through it.</summary>
    internal sealed class CrmHost : IAsyncDisposable
    {
        private readonly string? _sqliteFile;
        private readonly string? _postgres;

        private CrmHost(ServiceProvider services, string? sqliteFile, string? postgres)
        {
            Services = services;
            _sqliteFile = sqliteFile;
            _postgres = postgres;
        }

        public ServiceProvider Services { get; }

        public TestNetwork Network { get; } = new();

        public static async Task<CrmHost> StartAsync(DatabaseKind kind)
        {
            Postgres.SkipUnlessAvailable(kind);
            string? sqliteFile = null;
            string? postgres = null;
            string connectionString;
            if (kind == DatabaseKind.Sqlite)
            {
                sqliteFile = Path.Combine(Path.GetTempPath(), "enw-crm-" + Guid.NewGuid().ToString("N") + ".db");
                connectionString = new SqliteConnectionStringBuilder { DataSource = sqliteFile }.ToString();
            }
            else
            {
                postgres = await Postgres.CreateDatabaseAsync();
                connectionString = postgres;
            }

            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
            services.AddDbContextFactory<CrmDbContext>(options =>
            {
                if (kind == DatabaseKind.Sqlite)
                {
                    options.UseSqlite(connectionString);
                }
                else
                {
                    options.UseNpgsql(connectionString);
                }

                options.AddExpertennetzwerkInterceptors();
            });
            services.AddSingleton<InMemoryCustomerDirectory>();
            services.AddExpertennetzwerk(o => o.PublicBaseUrl = new Uri("https://crm.example.org/")).UseDbContext<CrmDbContext>().UseCustomerDirectory<InMemoryCustomerDirectory>().UseDevelopmentMailbox();
            services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<InMemoryCustomerDirectory>());
            var provider = services.BuildServiceProvider();
            provider.ValidateExpertennetzwerk();
            var host = new CrmHost(provider, sqliteFile, postgres);
            await using (var db = host.CreateContext())
            {
                await db.Database.EnsureExpertennetzwerkCreatedAsync();
                await host.Network.SeedAsync(db, provider.GetRequiredService<InMemoryCustomerDirectory>(), provider.GetRequiredService<TimeProvider>().GetUtcNow());
            }

            return host;
        }

        public CrmDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContext();

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            if (_sqliteFile is not null)
            {
                using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _sqliteFile }.ToString()))
                {
                    SqliteConnection.ClearPool(pooled);
                }

                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(_sqliteFile + suffix);
                }
            }

            if (_postgres is not null)
            {
                await Postgres.DropDatabaseAsync(_postgres);
            }
        }
    }
}
