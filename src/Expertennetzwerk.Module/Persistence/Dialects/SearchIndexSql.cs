namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>
/// What a database needs beyond the EF model for fast free-text search on order number and customer name:
/// an FTS5 trigram table kept by triggers on SQLite, a pg_trgm GIN index on PostgreSQL (skipped, with the LIKE
/// fallback left working, when the extension cannot be created). Nothing for other providers.
/// </summary>
internal static class SearchIndexSql
{
    public static IReadOnlyList<string> Create(string? provider, string tablePrefix, string? schema)
    {
        var orders = Qualified(schema, tablePrefix + "orders");
        var id = StoreNames.Quote("Id");
        var text = StoreNames.Quote("SearchText");
        switch (provider)
        {
            case SqlDialect.SqliteProvider:
            {
                var fts = StoreNames.Quote(tablePrefix + "order_search");
                return
                [
                    $"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(order_id UNINDEXED, search_text, tokenize = 'trigram')",
                    $"INSERT INTO {fts} (order_id, search_text) SELECT {id}, {text} FROM {orders} WHERE NOT EXISTS (SELECT 1 FROM {fts})",
                    $"CREATE TRIGGER IF NOT EXISTS {StoreNames.Quote(tablePrefix + "orders_search_insert")} AFTER INSERT ON {orders} " +
                    $"BEGIN INSERT INTO {fts} (order_id, search_text) VALUES (new.{id}, new.{text}); END",
                    $"CREATE TRIGGER IF NOT EXISTS {StoreNames.Quote(tablePrefix + "orders_search_update")} AFTER UPDATE OF {text} ON {orders} " +
                    $"BEGIN DELETE FROM {fts} WHERE order_id = old.{id}; INSERT INTO {fts} (order_id, search_text) VALUES (new.{id}, new.{text}); END",
                    $"CREATE TRIGGER IF NOT EXISTS {StoreNames.Quote(tablePrefix + "orders_search_delete")} AFTER DELETE ON {orders} " +
                    $"BEGIN DELETE FROM {fts} WHERE order_id = old.{id}; END",
                ];
            }

            case SqlDialect.PostgresProvider:
            {
                var index = StoreNames.Quote("IX_" + tablePrefix + "orders_SearchText_trgm");
                return
                [
                    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; " +
                    "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm is not available: order search falls back to an unindexed LIKE'; END $$",
                    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN " +
                    $"CREATE INDEX IF NOT EXISTS {index} ON {orders} USING gin ({text} gin_trgm_ops); END IF; END $$",
                ];
            }

            default:
                return [];
        }
    }

    public static IReadOnlyList<string> Drop(string? provider, string tablePrefix, string? schema) => provider switch
    {
        SqlDialect.SqliteProvider =>
        [
            $"DROP TRIGGER IF EXISTS {StoreNames.Quote(tablePrefix + "orders_search_insert")}",
            $"DROP TRIGGER IF EXISTS {StoreNames.Quote(tablePrefix + "orders_search_update")}",
            $"DROP TRIGGER IF EXISTS {StoreNames.Quote(tablePrefix + "orders_search_delete")}",
            $"DROP TABLE IF EXISTS {StoreNames.Quote(tablePrefix + "order_search")}",
        ],
        SqlDialect.PostgresProvider =>
        [
            $"DROP INDEX IF EXISTS {Qualified(schema, "IX_" + tablePrefix + "orders_SearchText_trgm")}",
        ],
        _ => [],
    };

    private static string Qualified(string? schema, string name) =>
        schema is null ? StoreNames.Quote(name) : StoreNames.Quote(schema) + "." + StoreNames.Quote(name);
}
