using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OpenLer.Server.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) kept once per model: EF Core refuses to run a compiled query against a
/// model other than the one it was compiled for, and SQLite and PostgreSQL each have their own model (one process can hold
/// both, as the tests do). The query is compiled on first use with each model.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _queries = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _queries.GetValue(db.Model, _ => compile());
    }
}
