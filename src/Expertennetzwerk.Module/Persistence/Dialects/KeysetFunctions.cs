using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>
/// A row-value comparison <c>(UpdatedAt, Id) &lt; (@at, @id)</c> for keyset paging on providers that have row values
/// (SQLite, PostgreSQL): one index range, where EF's own expansion into an OR form is not one on PostgreSQL.
/// </summary>
internal static class KeysetFunctions
{
    public static readonly MethodInfo RowLessThanMethod = typeof(KeysetFunctions).GetMethod(nameof(RowLessThan), BindingFlags.Static | BindingFlags.Public)!;

    /// <summary>Translated to SQL; never runs in memory.</summary>
    public static bool RowLessThan(DateTimeOffset updatedAt, Guid id, DateTimeOffset cursorUpdatedAt, Guid cursorId) =>
        throw new InvalidOperationException("RowLessThan is only for LINQ queries translated by EF Core.");

    public static void Register(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(RowLessThanMethod).HasTranslation(args =>
        {
            var left = new RowValueExpression([args[0], args[1]]);

            // The cursor's values must be bound exactly like the columns (UTC ticks, Guid as the provider stores it).
            var right = new RowValueExpression([WithMappingOf(args[2], args[0]), WithMappingOf(args[3], args[1])]);
            return new SqlBinaryExpression(ExpressionType.LessThan, left, right, typeof(bool), null);
        });

    private static SqlExpression WithMappingOf(SqlExpression value, SqlExpression column) =>
        value is SqlParameterExpression parameter && column.TypeMapping is { } mapping ? parameter.ApplyTypeMapping(mapping) : value;
}
