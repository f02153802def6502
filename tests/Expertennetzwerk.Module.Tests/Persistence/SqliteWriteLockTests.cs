using System.Diagnostics;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Persistence;

/// <summary>
/// How a write on SQLite waits instead of failing with "database is locked". SQLite admits one writer at a time; a
/// writer that finds the lock taken waits in the busy handler (the interceptor's <c>busy_timeout</c>, then
/// Microsoft.Data.Sqlite's retries up to the command timeout). The handler cannot help a transaction that read first
/// and then tries to write after another writer committed (WAL: its snapshot is stale, SQLITE_BUSY at once and for good).
/// The module's units of work therefore begin their transactions IMMEDIATE (the write lock is taken at BEGIN, where
/// waiting works), so a read inside the transaction never has to be upgraded.
/// </summary>
public sealed class SqliteWriteLockTests
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_unit_of_work_transaction_on_a_sqlite_file_takes_the_write_lock_at_BEGIN()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { SqliteFile = true });
        await using var db = host.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();

        // Nothing read or written yet: another connection that wants to write is already refused (it does not wait here).
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(host.SqliteFileConnectionString) { Pooling = false, DefaultTimeout = 1 }.ToString());
        await other.OpenAsync();
        await using var noWait = other.CreateCommand();
        noWait.CommandText = "PRAGMA busy_timeout=0;";
        await noWait.ExecuteNonQueryAsync();
        var begin = async () =>
        {
            await using var command = other.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE;";
            command.CommandTimeout = 1;
            await command.ExecuteNonQueryAsync();
        };
        (await begin.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY: the unit of work holds the write lock");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Two_units_of_work_that_read_then_write_at_the_same_time_both_commit(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var networkId = host.Network.NetworkId;

        // Each reads, lets the other read too (where the transactions allow it), then takes the next number of one counter row.
        async Task<long> ReadThenWriteAsync()
        {
            await using var db = host.CreateDbContext();
            db.Database.SetCommandTimeout(TimeSpan.FromSeconds(10));
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            _ = await db.Set<Module.Orders.ExpertOrder>().CountAsync(o => o.NetworkId == networkId);
            await Task.Delay(Overlap);
            var number = await SqlDialect.For(db).NextOrderNumberAsync(db, networkId, 2031, CancellationToken.None);
            await transaction.CommitAsync();
            return number;
        }

        var stopwatch = Stopwatch.StartNew();
        var numbers = await Task.WhenAll(Task.Run(ReadThenWriteAsync), Task.Run(ReadThenWriteAsync));
        numbers.Should().BeEquivalentTo([1L, 2L], "both committed, one after the other");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "the second waited for the first, not for a time-out");
    }

    [Fact]
    public async Task Without_the_write_lock_at_BEGIN_the_same_two_writers_fail_with_database_is_locked()
    {
        // The control: the same read-then-write pair in DEFERRED transactions on plain connections with the same busy
        // timeout. The one that writes second holds a stale snapshot: SQLITE_BUSY however long it waits.
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { SqliteFile = true });
        var connectionString = new SqliteConnectionStringBuilder(host.SqliteFileConnectionString) { Pooling = false, DefaultTimeout = 2 }.ToString();
        var bothRead = new Barrier(2);

        async Task ReadThenWriteDeferredAsync(int delayMilliseconds)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=10000;";
                await pragma.ExecuteNonQueryAsync();
            }

            await using var transaction = connection.BeginTransaction(deferred: true);
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT COUNT(*) FROM enw_order_number_counters";
                await read.ExecuteScalarAsync();
            }

            bothRead.SignalAndWait(TimeSpan.FromSeconds(10));
            await Task.Delay(delayMilliseconds);
            await using (var write = connection.CreateCommand())
            {
                write.CommandText = "INSERT INTO enw_order_number_counters (NetworkId, Year, LastValue) VALUES ($n, $y, 1)";
                write.Parameters.AddWithValue("$n", Guid.NewGuid());
                write.Parameters.AddWithValue("$y", 2031);
                write.CommandTimeout = 2;
                await write.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var first = Task.Run(() => ReadThenWriteDeferredAsync(0));
        var second = Task.Run(() => ReadThenWriteDeferredAsync(500));
        await first;
        (await second.Awaiting(t => t).Should().ThrowAsync<SqliteException>())
            .Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY (database is locked): a read transaction cannot be upgraded after another writer committed");
    }
}
