using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Audit;

/// <summary>
/// Appends records to the hash-chained audit trail. Each record is written in a transaction that holds the chain's lock
/// (an advisory lock on PostgreSQL, the writer lock of an immediate transaction on SQLite), so two instances never fork
/// the chain; when the caller already has a transaction open the record joins it, so the action and its record commit
/// or roll back together. Saving writes the caller's pending changes too.
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>The previous hash of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long ChainLock = 0x4f4c4552_41554454; // "OLERAUDT"

    /// <summary>Records an action by whoever is signed in on the current request (or <paramref name="actor"/>).</summary>
    public async Task RecordAsync(string action, string? targetKind = null, object? targetId = null, Guid? organizationId = null,
        string outcome = AuditOutcomes.Ok, string? detail = null, (string Kind, string? Id)? actor = null, CancellationToken cancellationToken = default)
    {
        var (actorKind, actorId) = actor ?? CurrentActor();
        var record = new AuditRecord
        {
            At = Truncate(time.GetUtcNow().UtcDateTime),
            ActorKind = actorKind,
            ActorId = Clip(actorId, 64),
            OrganizationId = organizationId ?? CurrentOrganization(),
            Action = action,
            TargetKind = targetKind,
            TargetId = Clip(targetId switch { null => null, Guid g => g.ToString("D"), _ => Convert.ToString(targetId, CultureInfo.InvariantCulture) }, 64),
            Address = Clip(http.HttpContext?.Connection.RemoteIpAddress?.ToString(), 64),
            Outcome = outcome,
            Detail = Clip(detail, 200),
        };

        var joined = db.Database.CurrentTransaction is not null;
        for (var attempt = 0; ; attempt++)
        {
            await using var own = joined ? null : await db.Database.BeginOrJoinAsync(cancellationToken);
            try
            {
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [ChainLock], cancellationToken);
                }

                var last = await db.Set<AuditRecord>().AsNoTracking().OrderByDescending(r => r.Sequence)
                    .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
                record.Sequence = (last?.Sequence ?? 0) + 1;
                record.PreviousHash = last?.Hash ?? Genesis;
                record.Hash = ComputeHash(record);
                db.Set<AuditRecord>().Add(record);
                await db.SaveChangesAsync(cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }

                return;
            }
            catch (DbUpdateException) when (!joined && attempt < 5)
            {
                // Another writer took this sequence number first (SQLite without an immediate lock): try again.
                db.Entry(record).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The record's hash: SHA-256 over every field and the previous hash, in a fixed text form.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = string.Join('\u001f',
            "v1",
            record.Sequence.ToString(CultureInfo.InvariantCulture),
            record.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            record.ActorKind, record.ActorId ?? "", record.OrganizationId?.ToString("D") ?? "", record.Action,
            record.TargetKind ?? "", record.TargetId ?? "", record.Address ?? "", record.Outcome, record.Detail ?? "",
            record.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Times are kept to the microsecond, which both databases store exactly.</summary>
    public static DateTime Truncate(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    private (string Kind, string? Id) CurrentActor()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return (AuditActors.Anonymous, null);
        }

        if (user.FindFirstValue(AppClaims.Organization) is not null)
        {
            return (AuditActors.Staff, user.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        if (user.FindFirstValue(AppClaims.EmployerCompany) is not null)
        {
            return (AuditActors.Employer, user.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        return user.FindFirstValue(AppClaims.Jobseeker) is { } jobseeker ? (AuditActors.Jobseeker, jobseeker) : (AuditActors.Anonymous, null);
    }

    // In practice, the practice organization: records of practice work go under it, never under the real one.
    private Guid? CurrentOrganization() =>
        http.HttpContext?.User is { } user && user.IsStaff() ? user.OrganizationId() : null;

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
