using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

/// <summary>Delivers a one-time code (SMS, e-mail, printed by a caseworker...). Implementations must not log the code.</summary>
public interface ICodeSender
{
    Task SendAsync(string contact, string code, CancellationToken cancellationToken = default);
}

/// <summary>The default sender: writes the message to the local outbox (shown on screen in demo mode).</summary>
public sealed class OutboxCodeSender(AppDbContext db, TimeProvider time) : ICodeSender
{
    public async Task SendAsync(string contact, string code, CancellationToken cancellationToken = default)
    {
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            To = contact,
            Body = code,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Passwordless sign-in for jobseekers: a 6-digit code valid 10 minutes; 5 wrong codes lock the account for 15 minutes.
/// Unknown, locked and wrong all give the same answer (null), so the form reveals nothing about accounts.
/// </summary>
public sealed class CodeSignIn(AppDbContext db, ICodeSender sender, TimeProvider time, ILogger<CodeSignIn> logger)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(15);

    public static string Normalize(string? contact)
    {
        var text = (contact ?? "").Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return text.ToLowerInvariant();
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return text.StartsWith('+') ? "+" + digits : digits;
    }

    /// <summary>Sends a code when the account exists and is not locked; does nothing otherwise (same answer to the caller).</summary>
    public async Task RequestCodeAsync(string contact, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(contact);
        var now = time.GetUtcNow().UtcDateTime;
        var jobseeker = await db.Jobseekers.FirstOrDefaultAsync(j => j.Contact == normalized, cancellationToken);
        if (jobseeker is null || jobseeker.LockedUntil > now)
        {
            logger.LogInformation("Sign-in code requested; none sent");
            return;
        }

        await db.LoginCodes.Where(c => c.JobseekerId == jobseeker.Id && !c.Used).ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), cancellationToken);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.LoginCodes.Add(new LoginCode
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseeker.Id,
            CodeHash = salt + ":" + Hash(salt, code),
            ExpiresAt = now + CodeLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await sender.SendAsync(normalized, code, cancellationToken);
        logger.LogInformation("Sign-in code sent");
    }

    /// <summary>The jobseeker when the code is right, the account is not locked and the code is fresh; otherwise null.</summary>
    public async Task<Jobseeker?> VerifyAsync(string contact, string code, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(contact);
        var now = time.GetUtcNow().UtcDateTime;
        var jobseeker = await db.Jobseekers.FirstOrDefaultAsync(j => j.Contact == normalized, cancellationToken);
        if (jobseeker is null)
        {
            return null;
        }

        if (jobseeker.LockedUntil > now)
        {
            logger.LogInformation("Sign-in refused: account locked");
            return null;
        }

        var candidates = await db.LoginCodes.Where(c => c.JobseekerId == jobseeker.Id && !c.Used).ToListAsync(cancellationToken);
        var match = candidates.FirstOrDefault(c => c.ExpiresAt > now && Matches(c.CodeHash, (code ?? "").Trim()));
        if (match is null)
        {
            jobseeker.FailedCodeAttempts++;
            if (jobseeker.FailedCodeAttempts >= MaxAttempts)
            {
                jobseeker.LockedUntil = now + LockTime;
                jobseeker.FailedCodeAttempts = 0;
                foreach (var c in candidates)
                {
                    c.Used = true;
                }

                logger.LogWarning("Account locked after {Attempts} wrong sign-in codes", MaxAttempts);
            }

            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        match.Used = true;
        jobseeker.FailedCodeAttempts = 0;
        await db.SaveChangesAsync(cancellationToken);
        return jobseeker;
    }

    private static string Hash(string salt, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + code)));

    private static bool Matches(string stored, string code)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(stored[(colon + 1)..]);
        var actual = Encoding.ASCII.GetBytes(Hash(stored[..colon], code));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
