using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OpenLer.Server.Data;

/// <summary>
/// Writes many rows of mapped entities at once without the change tracker, for bulk issuance: new rows with PostgreSQL's
/// binary <c>COPY</c> or, on SQLite, prepared multi-row <c>INSERT</c>s reused for the whole set; changed columns of existing
/// rows (by primary key) with one <c>UPDATE ... FROM unnest(...)</c> on PostgreSQL or a prepared <c>UPDATE</c> per row on
/// SQLite. Tables, columns and value conversions come from the EF model, so the rows are exactly what <c>SaveChanges</c>
/// would write (ids, protected fields and every other value are set by the caller as for <c>SaveChanges</c>). Runs in the
/// context's current transaction, which the caller must have begun. Nothing is read: statements only insert, or update
/// rows by their primary key.
/// </summary>
public sealed class BulkRows(AppDbContext db)
{
    private const int SqliteRowsPerInsert = 50;

    /// <summary>Inserts <paramref name="rows"/> (new entities of one mapped type) in the current transaction.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table.Of<T>(db);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside a transaction.");
        try
        {
            if (transaction.Connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, table, rows, cancellationToken);
            }
            else
            {
                await InsertSqliteAsync(transaction, table, rows, cancellationToken);
            }
        }
        catch (DbException e) when (IsConstraint(e))
        {
            // As SaveChanges reports it, so callers handle a concurrent writer's unique row the same way.
            throw new DbUpdateException($"A constraint refused bulk rows of {typeof(T).Name}.", e);
        }
    }

    private static bool IsConstraint(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation }
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };

    /// <summary>Sets the named properties' columns of existing rows, found by their primary key, in the current transaction.</summary>
    public async Task UpdateAsync<T>(IReadOnlyList<T> rows, IReadOnlyList<string> properties, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(properties);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table.Of<T>(db);
        var key = table.Key;
        var set = properties.Select(p => table.Columns.FirstOrDefault(c => c.Property.Name == p) ?? throw new ArgumentException($"{typeof(T).Name} has no mapped property {p}.", nameof(properties))).ToArray();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside a transaction.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (transaction.Connection is NpgsqlConnection)
        {
            // One statement: each column's values as one array parameter, joined to the rows by primary key.
            var columns = set.Prepend(key).ToArray();
            var sql = new StringBuilder();
            sql.Append(CultureInfo.InvariantCulture, $"UPDATE {table.Name} AS t SET ");
            sql.AppendJoin(", ", set.Select(c => $"{c.Quoted} = u.{c.Quoted}"));
            sql.Append(" FROM unnest(");
            sql.AppendJoin(", ", columns.Select((c, i) => $"@p{i}::{c.StoreType}[]"));
            sql.Append(") AS u(");
            sql.AppendJoin(", ", columns.Select(c => c.Quoted));
            sql.Append(CultureInfo.InvariantCulture, $") WHERE t.{key.Quoted} = u.{key.Quoted}");
            command.CommandText = sql.ToString();
            for (var i = 0; i < columns.Length; i++)
            {
                var values = new object?[rows.Count];
                for (var r = 0; r < rows.Count; r++)
                {
                    values[r] = columns[i].Value(rows[r]);
                }

                command.Parameters.Add(new NpgsqlParameter("p" + i.ToString(CultureInfo.InvariantCulture), Typed(values)));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        command.CommandText = $"UPDATE {table.Name} SET {string.Join(", ", set.Select((c, i) => $"{c.Quoted} = $p{i}"))} WHERE {key.Quoted} = $k";
        var parameters = set.Select((c, i) => c.Parameter(command, "$p" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var keyParameter = key.Parameter(command, "$k");
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < set.Length; i++)
            {
                parameters[i].Value = set[i].Value(row) ?? DBNull.Value;
            }

            keyParameter.Value = key.Value(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var copy = $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Quoted))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in table.Columns)
            {
                if (column.Value(row) is { } value)
                {
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task InsertSqliteAsync<T>(DbTransaction transaction, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += SqliteRowsPerInsert)
            {
                var count = Math.Min(SqliteRowsPerInsert, rows.Count - start);
                DbCommand command;
                if (count == SqliteRowsPerInsert)
                {
                    // The full-size statement is prepared once and reused for every full chunk.
                    command = full ??= await PrepareInsertAsync(transaction, table, count, cancellationToken);
                }
                else
                {
                    command = await PrepareInsertAsync(transaction, table, count, cancellationToken);
                }

                var p = 0;
                for (var r = start; r < start + count; r++)
                {
                    foreach (var column in table.Columns)
                    {
                        command.Parameters[p++].Value = column.Value(rows[r]) ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static async Task<DbCommand> PrepareInsertAsync(DbTransaction transaction, Table table, int rowCount, CancellationToken cancellationToken)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Quoted))}) VALUES ");
        var p = 0;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Length; c++)
            {
                var name = "$p" + (p++).ToString(CultureInfo.InvariantCulture);
                table.Columns[c].Parameter(command, name);
                sql.Append(c == 0 ? name : ", " + name);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.PrepareAsync(cancellationToken);
        return command;
    }

    /// <summary>A typed array for an unnest parameter (Npgsql infers the PostgreSQL array type from the element type).</summary>
    private static Array Typed(object?[] values)
    {
        var type = values.FirstOrDefault(v => v is not null)?.GetType() ?? typeof(string);
        var array = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            array.SetValue(values[i], i);
        }

        return array;
    }

    /// <summary>A mapped table: its quoted name and its columns (every mapped property, in model order).</summary>
    private sealed record Table(string Name, Column[] Columns, Column Key)
    {
        public static Table Of<T>(AppDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
            var name = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = entity.GetProperties().Select(p =>
            {
                if (p.IsShadowProperty() || p.PropertyInfo is null)
                {
                    throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is not a CLR property: bulk rows cannot write it.");
                }

                var mapping = p.GetRelationalTypeMapping();
                var storeType = p.GetColumnType(store) ?? mapping.StoreType;
                var paren = storeType.IndexOf('(', StringComparison.Ordinal);
                return new Column(p, sql.DelimitIdentifier(p.GetColumnName(store)!), paren < 0 ? storeType : storeType[..paren], mapping);
            }).ToArray();
            var key = entity.FindPrimaryKey()?.Properties is [var single] ? columns.First(c => c.Property == single) : throw new InvalidOperationException($"{typeof(T).Name} needs a single-column key.");
            return new Table(sql.DelimitIdentifier(name, entity.GetSchema()), columns, key);
        }
    }

    /// <summary>One column: reads its value from an entity and converts it as the model's type mapping does.</summary>
    private sealed record Column(IProperty Property, string Quoted, string StoreType, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public object? Value(object entity)
        {
            var value = _getter.GetClrValueUsingContainingEntity(entity);
            return value is null ? null : Mapping.Converter?.ConvertToProvider(value) ?? value;
        }

        public DbParameter Parameter(DbCommand command, string name)
        {
            var parameter = Mapping.CreateParameter(command, name, null, Property.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }
    }
}
