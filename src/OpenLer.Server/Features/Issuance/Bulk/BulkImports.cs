using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// Uploads of completions files: reads and checks a file (<see cref="CompletionFile"/>), then the checks that need the
/// database (program names, completions an earlier upload issued, clients of sites the uploader does not work on), and
/// stores the import with one row per line (data encrypted) for the preview; queues it when staff say issue. A file with a
/// problem of its own (header, encoding) stores nothing.
/// </summary>
public sealed class BulkImports(AppDbContext db, FieldProtector fields, CaseRecords records, AuditTrail audit, BulkRows bulk, IOptions<DeploymentOptions> options, TimeProvider time)
{
    public const string KeyPurpose = "bulk-completion";
    public const int ProblemsShown = 200;

    public static readonly string AlreadyIssued = L.Key("Already issued (an earlier upload has this person, program and date).");

    /// <summary>Who uploads: for the audit trail, and which sites' clients they may add to (null: every site).</summary>
    public sealed record Uploader(string Id, (string Kind, string? Id) Actor, IReadOnlyList<Guid>? Sites);

    /// <summary>Reads, checks and stores a file as a new import in preview; a problem of the whole file stores nothing.</summary>
    public async Task<(BulkImport? Import, FileProblem? Problem)> CreateAsync(Guid organizationId, Guid? siteId, byte[] file, Uploader uploader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(uploader);
        var decoded = CsvText.Decode(file);
        if (!decoded.IsSuccess)
        {
            return (null, new FileProblem(decoded.Error.Message));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (lines, problem) = CompletionFile.Read(decoded.Value.Text, options.Value.PhoneRegion, DateOnly.FromDateTime(now));
        if (problem is not null)
        {
            return (null, problem);
        }

        var import = new BulkImport
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            SiteId = siteId,
            CreatedBy = uploader.Id,
            FileHash = Convert.ToHexStringLower(SHA256.HashData(file)),
            Encoding = decoded.Value.Encoding,
            State = BulkImportStates.Preview,
            TotalRows = lines!.Count,
            CreatedAt = now,
        };

        var programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == organizationId).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var programByName = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in programs)
        {
            programByName.TryAdd(p.Name.Trim(), p.Id);
        }

        var rows = new List<(BulkImportRow Row, RowPayload? Payload, string? ClientIndex)>(lines.Count);
        foreach (var line in lines)
        {
            var row = new BulkImportRow { Id = Guid.NewGuid(), ImportId = import.Id, OrganizationId = organizationId, Line = line.Line };
            RowPayload? payload = null;
            if (line.Completion is not { } c)
            {
                Fail(row, line.Problem!, line.Detail);
            }
            else if (!programByName.TryGetValue(c.Program, out var programId))
            {
                Fail(row, L.Key("No program of your organization has this name."), null);
            }
            else
            {
                payload = new RowPayload(c.Contact, c.Name, programId, c.CompletedOn, c.Evidence, c.EnglishLevel, c.Language);
                row.IdempotencyKey = IdempotencyKey(organizationId, programId, c.Contact, c.CompletedOn);
            }

            rows.Add((row, payload, payload is null ? null : records.ClientContactIndex(organizationId, payload.Contact)));
        }

        // Completions an earlier upload issued, and people on the caseload of a site the uploader does not work on.
        foreach (var chunk in rows.Where(r => r.Payload is not null).Chunk(500))
        {
            var keys = chunk.Select(r => r.Row.IdempotencyKey!).ToList();
            var issued = await db.Set<BulkIssuanceKey>().AsNoTracking().Where(k => k.OrganizationId == organizationId && keys.Contains(k.Key))
                .ToDictionaryAsync(k => k.Key, k => k.CredentialId, cancellationToken);
            Dictionary<string, Guid?> clientSites = [];
            if (uploader.Sites is not null)
            {
                var indexes = chunk.Select(r => r.ClientIndex!).Distinct().ToList();
                clientSites = await db.Clients.AsNoTracking().Where(c => c.OrganizationId == organizationId && indexes.Contains(c.ContactIndex!))
                    .ToDictionaryAsync(c => c.ContactIndex!, c => c.SiteId, cancellationToken);
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                var (row, _, clientIndex) = chunk[i];
                if (issued.TryGetValue(row.IdempotencyKey!, out var credentialId))
                {
                    row.State = BulkRowStates.Skipped;
                    row.Problem = AlreadyIssued;
                    row.CredentialId = credentialId;
                    row.DoneAt = now;
                }
                else if (uploader.Sites is not null && clientSites.TryGetValue(clientIndex!, out var site) && (site is null || !uploader.Sites.Contains(site.Value)))
                {
                    Fail(row, L.Key("This person is already a client of your organization at another site. Ask an admin."), null);
                }
            }
        }

        import.InvalidRows = rows.Count(r => r.Row.State == BulkRowStates.Failed);
        import.AlreadyIssuedRows = rows.Count(r => r.Row.State == BulkRowStates.Skipped);
        import.ValidRows = rows.Count(r => r.Row.State == BulkRowStates.Pending);
        import.Failed = import.InvalidRows;
        import.Skipped = import.AlreadyIssuedRows;
        foreach (var (row, payload, _) in rows)
        {
            if (row.State == BulkRowStates.Pending)
            {
                row.PayloadCipher = fields.Protect(payload!.ToJson(), Where(row));
            }
            else
            {
                row.IdempotencyKey = null;
                row.DoneAt = now;
            }
        }

        await using (var transaction = await db.Database.BeginOrJoinAsync(cancellationToken))
        {
            db.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var chunk in rows.Chunk(5000))
            {
                await bulk.InsertAsync([.. chunk.Select(r => r.Row)], cancellationToken);
            }

            await audit.RecordAsync(AuditActions.BulkImportUploaded, "bulk-import", import.Id, organizationId, detail: Counts(import), actor: uploader.Actor, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        return (import, null);
    }

    /// <summary>Staff said issue: the import waits for a worker. False when it is not in preview (or not this organization's).</summary>
    public async Task<bool> QueueAsync(Guid organizationId, Guid importId, (string Kind, string? Id) actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<BulkImport>().Where(i => i.Id == importId && i.OrganizationId == organizationId && i.State == BulkImportStates.Preview)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BulkImportStates.Queued).SetProperty(i => i.QueuedAt, now), cancellationToken);
        if (changed == 1)
        {
            await audit.RecordAsync(AuditActions.BulkImportQueued, "bulk-import", importId, organizationId, actor: actor, cancellationToken: cancellationToken);
        }

        return changed == 1;
    }

    /// <summary>Drops an import in preview (its rows and their data); false when it is not in preview.</summary>
    public async Task<bool> DiscardAsync(Guid organizationId, Guid importId, (string Kind, string? Id) actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var deleted = await db.Set<BulkImport>().Where(i => i.Id == importId && i.OrganizationId == organizationId && i.State == BulkImportStates.Preview).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 1)
        {
            await db.Set<BulkImportRow>().Where(r => r.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.BulkImportDiscarded, "bulk-import", importId, organizationId, actor: actor, cancellationToken: cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    public Task<BulkImport?> FindAsync(Guid organizationId, Guid importId, CancellationToken cancellationToken = default) =>
        db.Set<BulkImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId && i.OrganizationId == organizationId, cancellationToken);

    /// <summary>The first rows with a problem or a note (skipped), by line.</summary>
    public Task<List<BulkImportRow>> ProblemsAsync(Guid importId, int take = ProblemsShown, CancellationToken cancellationToken = default) =>
        db.Set<BulkImportRow>().AsNoTracking().Where(r => r.ImportId == importId && r.Problem != null).OrderBy(r => r.Line).Take(take).ToListAsync(cancellationToken);

    /// <summary>How many rows have each problem (the preview's summary).</summary>
    public async Task<List<(string Problem, int Count)>> ProblemCountsAsync(Guid importId, CancellationToken cancellationToken = default) =>
        [.. (await db.Set<BulkImportRow>().AsNoTracking().Where(r => r.ImportId == importId && r.Problem != null)
            .GroupBy(r => r.Problem!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderByDescending(g => g.Count).Select(g => (g.Key, g.Count))];

    /// <summary>The keyed hash that makes a completion issue once: organization, program, normalized contact, completion date.</summary>
    public string IdempotencyKey(Guid organizationId, Guid programId, string contact, DateOnly completedOn) =>
        fields.BlindIndex(organizationId, KeyPurpose, string.Join('|', programId.ToString("N"), contact, completedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static FieldScope Where(BulkImportRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.OrganizationId, BulkImportRow.Table, "Payload", row.Id);
    }

    public static string Counts(BulkImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return string.Create(CultureInfo.InvariantCulture,
            $"rows={import.TotalRows} valid={import.ValidRows} invalid={import.InvalidRows} already={import.AlreadyIssuedRows} issued={import.Issued} skipped={import.Skipped} failed={import.Failed}");
    }

    private static void Fail(BulkImportRow row, string problem, string? detail)
    {
        row.State = BulkRowStates.Failed;
        row.Problem = problem;
        row.ProblemDetail = detail;
    }
}
