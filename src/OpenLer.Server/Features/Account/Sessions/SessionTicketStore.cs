using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account.Sessions;

/// <summary>
/// Keeps sign-ins on the server (<see cref="UserSession"/>): the cookie carries only a random 256-bit key. Each request
/// reads the row, so a deleted row (sign-out, disabled account, password change, "sign out everywhere") ends the session
/// at once, on every instance. Absolute lifetime and idle time-out are checked here.
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time, string kind) : ITicketStore
{
    /// <summary>Properties item: idle minutes for this session (set at sign-in; e.g. shorter on a shared computer).</summary>
    public const string IdleItem = ".openler.idle";

    /// <summary>Last-seen is written at most this often (not on every request).</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("OpenLer.Sessions.v1", kind);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        var idle = ticket.Properties.Items.TryGetValue(IdleItem, out var minutes) && int.TryParse(minutes, out var m) ? m : 60;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Set<UserSession>().Add(new UserSession
        {
            Id = Hash(key),
            Kind = kind,
            SubjectId = SubjectOf(ticket.Principal),
            Ticket = _protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddHours(12),
            IdleMinutes = idle,
            Device = DeviceNames.Describe(httpContext?.Request.Headers.UserAgent.ToString()),
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        var blob = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var subject = SubjectOf(ticket.Principal);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // A session only ever carries its own person: a ticket for someone else (a sign-in over a planted or stale
        // cookie, SECURITY.md WA-11) never replaces it; FreshSessionAtSignIn gives such sign-ins a new key instead.
        await db.Set<UserSession>().Where(s => s.Id == id && s.Kind == kind && s.SubjectId == subject)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, blob), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100)
        {
            return null;
        }

        var id = Hash(key);
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.Set<UserSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.Kind == kind, cancellationToken);
        if (session is null)
        {
            return null;
        }

        if (now >= session.ExpiresAt || now - session.LastSeenAt >= TimeSpan.FromMinutes(session.IdleMinutes))
        {
            await db.Set<UserSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            await db.Set<UserSession>().Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        try
        {
            var ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
            ticket?.Properties.Items[SessionIdItem] = session.Id;
            return ticket;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<UserSession>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Properties item carrying the current session's row id (for "this device" in the session list).</summary>
    public const string SessionIdItem = ".openler.session";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key ?? "")));

    public static string SubjectOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(Infrastructure.AppClaims.Jobseeker) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }
}

/// <summary>Wires a session store into a cookie scheme.</summary>
public sealed class SessionStoreSetup(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = name switch
        {
            _ when name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme => SessionKinds.Staff,
            Infrastructure.AppClaims.JobseekerScheme => SessionKinds.Jobseeker,
            Infrastructure.AppClaims.EmployerScheme => SessionKinds.Employer,
            _ => null,
        };
        if (kind is not null)
        {
            options.SessionStore = new SessionTicketStore(scopes, protection, time, kind);
        }
    }
}
