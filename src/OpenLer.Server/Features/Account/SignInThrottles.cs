using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Failed sign-ins, counted atomically in the database (no lost updates under parallel guesses, on SQLite and
/// PostgreSQL). An account locks for one client address after <see cref="PerAddressFailures"/> failures, and for
/// everyone only after <see cref="PerAccountFailures"/> failures within an hour from many addresses, so one attacker
/// cannot keep a person or staff member locked out.
/// </summary>
public sealed class SignInThrottles(AppDbContext db, TimeProvider time)
{
    public const int PerAddressFailures = 5;
    public const int PerAccountFailures = 50;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AccountWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    /// <summary>Whether sign-in to the account is locked for this address (or for everyone).</summary>
    public async Task<bool> IsLockedAsync(string kind, string accountId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = new[] { Key(kind, accountId, address), Key(kind, accountId, null) };
        return await db.Set<SignInThrottle>().AnyAsync(t => ids.Contains(t.Id) && t.LockedUntil > now, cancellationToken);
    }

    /// <summary>Counts a failure for the account from this address (and for the account as a whole).</summary>
    public async Task FailAsync(string kind, string accountId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        await CountAsync(Key(kind, accountId, address), Window, PerAddressFailures, cancellationToken);
        await CountAsync(Key(kind, accountId, null), AccountWindow, PerAccountFailures, cancellationToken);
    }

    /// <summary>A success clears this address's count (the account-wide count ages out by itself).</summary>
    public Task SucceedAsync(string kind, string accountId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var id = Key(kind, accountId, address);
        return db.Set<SignInThrottle>().Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Failures of the account from this address in the current window (for tests and the admin view).</summary>
    public async Task<int> FailuresAsync(string kind, string accountId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var id = Key(kind, accountId, address);
        return await db.Set<SignInThrottle>().Where(t => t.Id == id).Select(t => t.Failures).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task CountAsync(string id, TimeSpan window, int threshold, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = now - window;
        DateTime? lockUntil = now + LockTime;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // One UPDATE: every right-hand side reads the row as it was, so parallel failures each add one.
            var updated = await db.Set<SignInThrottle>().Where(t => t.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Failures, t => t.WindowStart < windowStart ? 1 : t.Failures + 1)
                .SetProperty(t => t.LockedUntil, t => (t.WindowStart < windowStart ? 1 : t.Failures + 1) >= threshold ? lockUntil : t.LockedUntil)
                .SetProperty(t => t.WindowStart, t => t.WindowStart < windowStart ? now : t.WindowStart), cancellationToken);
            if (updated > 0)
            {
                return;
            }

            try
            {
                await using var scope = await db.Database.BeginOrJoinAsync(cancellationToken);
                db.Set<SignInThrottle>().Add(new SignInThrottle { Id = id, Failures = 1, WindowStart = now, LockedUntil = threshold <= 1 ? lockUntil : null });
                await db.SaveChangesAsync(cancellationToken);
                await scope.CommitAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Another request created the row first: count again with the update.
                db.ChangeTracker.Entries<SignInThrottle>().Where(e => e.Entity.Id == id).ToList().ForEach(e => e.State = EntityState.Detached);
            }
        }
    }

    /// <summary>The row id: a hash, so neither account ids nor addresses sit in the table in clear.</summary>
    public static string Key(string kind, string accountId, IPAddress? address)
    {
        var part = address is null ? "*" : AddressPrefix(address);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{accountId}|{part}")));
    }

    /// <summary>An IPv4 address as is; an IPv6 address by its /64 network (one household or device).</summary>
    public static string AddressPrefix(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
