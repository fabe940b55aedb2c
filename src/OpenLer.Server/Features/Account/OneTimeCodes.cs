using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// One-time sign-in codes of any kind of account (<see cref="SessionKinds.Jobseeker"/>, <see cref="SessionKinds.Employer"/>),
/// ASVS 6.5/6.6: only a keyed hash of each code is stored, bound to its row; a sent code is bound to the browser that asked
/// for it (the hash of its attempt token); every code takes at most <see cref="MaxAttempts"/> guesses, each reserved
/// atomically in the database before the comparison, so parallel guesses cannot exceed it; a right code is marked used
/// atomically, so it works once. An account gets at most <see cref="MaxCodesPerHour"/> sent codes an hour. The callers
/// (<see cref="CodeSignIn"/> for jobseekers, the employer sign-in) add the account lookup, the equal answer for unknown
/// accounts, the per-address throttle (<see cref="SignInThrottles"/>) and the message.
/// </summary>
public sealed class OneTimeCodes(AppDbContext db, People people, TimeProvider time)
{
    public const int MaxAttempts = 5;
    public const int MaxCodesPerHour = 5;

    /// <summary>
    /// Adds a sent code to the context (the caller saves) for the account, or a stand-in row when <paramref name="accountId"/>
    /// is null (the same write whether or not the account exists); returns the code to send.
    /// </summary>
    public string AddSent(string accountKind, Guid? accountId, string attemptToken, int digits, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKind);
        ArgumentException.ThrowIfNullOrEmpty(attemptToken);
        var now = time.GetUtcNow().UtcDateTime;
        var code = NewCode(digits);
        var row = new LoginCode
        {
            Id = Guid.NewGuid(),
            AccountKind = accountKind,
            AccountId = accountId,
            Kind = LoginCodeKinds.Sent,
            BindingHash = BindingHash(attemptToken),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        row.CodeHash = CodeHash(row.Id, code);
        db.LoginCodes.Add(row);
        return code;
    }

    /// <summary>Whether the account may be sent a code now: under the hourly count, and not within <paramref name="resend"/> of the last.</summary>
    public async Task<bool> MaySendAsync(string accountKind, Guid accountId, TimeSpan resend, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hourAgo = now - TimeSpan.FromHours(1);
        var recent = await db.LoginCodes
            .Where(c => c.AccountKind == accountKind && c.AccountId == accountId && c.Kind == LoginCodeKinds.Sent && c.CreatedAt > hourAgo)
            .Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        return recent.Count < MaxCodesPerHour && !(resend > TimeSpan.Zero && recent.Any(c => c > now - resend));
    }

    /// <summary>
    /// Redeems a typed code for the account: among its newest live codes of <paramref name="kind"/> (for sent codes, only
    /// those bound to <paramref name="attemptToken"/>), reserves one guess atomically and compares in fixed time; the right
    /// one is marked used atomically. Returns the used row, or null.
    /// </summary>
    public async Task<LoginCode?> RedeemAsync(string accountKind, Guid accountId, string kind, string code, string? attemptToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var now = time.GetUtcNow().UtcDateTime;
        var binding = attemptToken is { Length: > 0 } ? BindingHash(attemptToken) : null;
        var candidates = await db.LoginCodes.AsNoTracking()
            .Where(c => c.AccountKind == accountKind && c.AccountId == accountId && c.Kind == kind && c.UsedAt == null && c.ExpiresAt > now
                && c.Attempts < MaxAttempts && (kind == LoginCodeKinds.Letter || c.BindingHash == binding))
            .OrderByDescending(c => c.CreatedAt).Take(3).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // Reserve one guess first (atomic); only a reserved guess is compared.
            var reserved = await db.LoginCodes.Where(c => c.Id == candidate.Id && c.UsedAt == null && c.Attempts < MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
            if (reserved == 1 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.CodeHash), Encoding.ASCII.GetBytes(CodeHash(candidate.Id, code)))
                && await db.LoginCodes.Where(c => c.Id == candidate.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 1)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The same hashing work as a comparison, for an unknown account or a malformed code (equal time).</summary>
    public void Pretend(string code) => _ = CodeHash(Guid.Empty, code ?? "");

    /// <summary>A keyed hash of a code (HMAC with the people's index key), bound to its row.</summary>
    public string CodeHash(Guid rowId, string code) => people.CodeHash("login-code|" + rowId.ToString("N"), code);

    /// <summary>The hash of a browser's sign-in attempt token, which a sent code is bound to.</summary>
    public static string BindingHash(string attemptToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("openler-attempt|" + attemptToken)));

    /// <summary>A code of random decimal digits (RandomNumberGenerator).</summary>
    public static string NewCode(int digits)
    {
        var builder = new StringBuilder(digits);
        for (var i = 0; i < digits; i++)
        {
            builder.Append(RandomNumberGenerator.GetInt32(10).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
