using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account.Sessions;

/// <summary>A person's active sessions: list them, end one, end all (sign out everywhere, disable, password change).</summary>
public sealed class SessionService(AppDbContext db, TimeProvider time)
{
    public sealed record Row(string Id, string Device, DateTime CreatedAt, DateTime LastSeenAt, bool Current);

    public async Task<List<Row>> ListAsync(string kind, string subjectId, string? currentId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<UserSession>().AsNoTracking().Where(s => s.Kind == kind && s.SubjectId == subjectId && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt).Select(s => new { s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.IdleMinutes }).ToListAsync(cancellationToken);
        return [.. rows.Where(r => now - r.LastSeenAt < TimeSpan.FromMinutes(r.IdleMinutes))
            .Select(r => new Row(r.Id, r.Device, r.CreatedAt, r.LastSeenAt, r.Id == currentId))];
    }

    /// <summary>Ends every session of a person (except <paramref name="keepId"/>); returns how many ended.</summary>
    public Task<int> EndAllAsync(string kind, string subjectId, string? keepId = null, CancellationToken cancellationToken = default) =>
        db.Set<UserSession>().Where(s => s.Kind == kind && s.SubjectId == subjectId && s.Id != keepId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The row id of the session the request is signed in with (for the given scheme), or null.</summary>
    public static async Task<string?> CurrentIdAsync(HttpContext context, string scheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(context, scheme);
        return result.Succeeded && result.Properties.Items.TryGetValue(SessionTicketStore.SessionIdItem, out var id) ? id : null;
    }

    public Task<int> EndAsync(string kind, string subjectId, string id, CancellationToken cancellationToken = default) =>
        db.Set<UserSession>().Where(s => s.Kind == kind && s.SubjectId == subjectId && s.Id == id).ExecuteDeleteAsync(cancellationToken);
}
