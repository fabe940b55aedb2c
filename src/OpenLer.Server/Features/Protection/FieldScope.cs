namespace OpenLer.Server.Features.Protection;

/// <summary>
/// Where an encrypted value lives, bound into its authenticated data: a ciphertext moved to another row, column or
/// table (or another scope) no longer decrypts (SECURITY.md DR-02).
/// </summary>
/// <param name="Scope">The organization that holds the data, or <see cref="People"/>.</param>
/// <param name="Table">The table (a stable name, not necessarily the SQL name).</param>
/// <param name="Column">The column.</param>
/// <param name="RowId">The row's id.</param>
public readonly record struct FieldScope(Guid Scope, string Table, string Column, Guid RowId)
{
    /// <summary>The scope of data that belongs to a person rather than to an organization (their own account, wallet).</summary>
    public static readonly Guid People = new("00000000-0000-0000-0000-00000000f00d");

    public static FieldScope Person(string table, string column, Guid rowId) => new(People, table, column, rowId);
}
