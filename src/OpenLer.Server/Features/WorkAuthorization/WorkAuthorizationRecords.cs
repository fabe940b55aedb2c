using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Reads and writes the encrypted fields of work-authorization records (organization scope, each bound to its row and
/// column), the A-number's blind index, and erasure. The only place that turns ciphertext into facts.
/// </summary>
public sealed class WorkAuthorizationRecords(AppDbContext db, FieldProtector fields)
{
    public const string ANumberPurpose = "a-number";

    /// <summary>Every encrypted column: the entity property and the column name bound into its ciphertext.</summary>
    public static IReadOnlyList<(string Property, string Column)> Columns { get; } =
    [
        (nameof(WorkAuthorizationRecord.StatusCategoryCipher), "StatusCategory"),
        (nameof(WorkAuthorizationRecord.DocumentTypeCipher), "DocumentType"),
        (nameof(WorkAuthorizationRecord.EadCategoryCipher), "EadCategory"),
        (nameof(WorkAuthorizationRecord.DocumentNumberCipher), "DocumentNumber"),
        (nameof(WorkAuthorizationRecord.ANumberCipher), "ANumber"),
        (nameof(WorkAuthorizationRecord.ValidUntilCipher), "ValidUntil"),
        (nameof(WorkAuthorizationRecord.SeenOnCipher), "SeenOn"),
        (nameof(WorkAuthorizationRecord.SeenByCipher), "SeenBy"),
    ];

    public static FieldScope Where(WorkAuthorizationRecord record, string column)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new FieldScope(record.OrganizationId, WorkAuthorizationRecord.Table, column, record.Id);
    }

    /// <summary>The current record of a client of the organization (erased ones too), or null.</summary>
    public Task<WorkAuthorizationRecord?> FindAsync(Guid organizationId, Guid clientId, CancellationToken cancellationToken = default) =>
        db.Set<WorkAuthorizationRecord>().FirstOrDefaultAsync(r => r.OrganizationId == organizationId && r.ClientId == clientId, cancellationToken);

    /// <summary>The decrypted facts of a record that is not erased.</summary>
    public WorkAuthorizationFacts Read(WorkAuthorizationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ErasedAt is not null)
        {
            throw new InvalidOperationException("The record was erased.");
        }

        var validUntil = Get(record, record.ValidUntilCipher, "ValidUntil");
        return new WorkAuthorizationFacts(
            Get(record, record.StatusCategoryCipher, "StatusCategory") ?? "",
            Get(record, record.DocumentTypeCipher, "DocumentType") ?? "",
            Get(record, record.EadCategoryCipher, "EadCategory"),
            Get(record, record.DocumentNumberCipher, "DocumentNumber"),
            Get(record, record.ANumberCipher, "ANumber"),
            validUntil is null or "none" ? null : DateOnly.ParseExact(validUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(Get(record, record.SeenOnCipher, "SeenOn")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Get(record, record.SeenByCipher, "SeenBy") ?? "");
    }

    /// <summary>Encrypts the facts into the record (replacing what it held) and indexes the A-number.</summary>
    public void Write(WorkAuthorizationRecord record, WorkAuthorizationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(facts);
        record.StatusCategoryCipher = Set(record, facts.StatusCategory, "StatusCategory");
        record.DocumentTypeCipher = Set(record, facts.DocumentType, "DocumentType");
        record.EadCategoryCipher = Set(record, facts.EadCategory, "EadCategory");
        record.DocumentNumberCipher = Set(record, facts.DocumentNumber, "DocumentNumber");
        record.ANumberCipher = Set(record, facts.ANumber, "ANumber");
        record.ANumberIndex = facts.ANumber is null ? null : ANumberIndex(record.OrganizationId, facts.ANumber);
        record.ValidUntilCipher = Set(record, facts.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none", "ValidUntil");
        record.SeenOnCipher = Set(record, facts.SeenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "SeenOn");
        record.SeenByCipher = Set(record, facts.SeenBy, "SeenBy");
        record.ErasedAt = null;
        record.ErasedReason = null;
    }

    /// <summary>The keyed blind index of a normalized A-number within an organization (HMAC with its index key).</summary>
    public string ANumberIndex(Guid organizationId, string normalizedANumber) => fields.BlindIndex(organizationId, ANumberPurpose, normalizedANumber);

    /// <summary>The clients of an organization whose record holds this A-number (found by its blind index only).</summary>
    public Task<List<Guid>> ClientsWithANumberAsync(Guid organizationId, string normalizedANumber, CancellationToken cancellationToken = default)
    {
        var index = ANumberIndex(organizationId, normalizedANumber);
        return db.Set<WorkAuthorizationRecord>().AsNoTracking()
            .Where(r => r.OrganizationId == organizationId && r.ANumberIndex == index && r.ErasedAt == null)
            .Select(r => r.ClientId).ToListAsync(cancellationToken);
    }

    /// <summary>Empties every protected field of the record (the row stays, with when and why it was erased).</summary>
    public static void Erase(WorkAuthorizationRecord record, string reason, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.StatusCategoryCipher = null;
        record.DocumentTypeCipher = null;
        record.EadCategoryCipher = null;
        record.DocumentNumberCipher = null;
        record.ANumberCipher = null;
        record.ANumberIndex = null;
        record.ValidUntilCipher = null;
        record.SeenOnCipher = null;
        record.SeenByCipher = null;
        record.ErasedAt ??= now;
        record.ErasedReason ??= reason;
    }

    private string? Get(WorkAuthorizationRecord record, string? cipher, string column) => fields.Unprotect(cipher, Where(record, column));

    private string? Set(WorkAuthorizationRecord record, string? value, string column) => fields.Protect(value, Where(record, column));
}
