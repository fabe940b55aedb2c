using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// Employer users sign in with a 6-digit code sent to their e-mail address (ASVS 6.6), with the same mechanics as
/// jobseekers (<see cref="OneTimeCodes"/>: keyed hashes, bound to the browser that asked, at most five guesses reserved
/// atomically, once) and the same per-account and per-address throttle (<see cref="SignInThrottles"/>, kind
/// <see cref="SessionKinds.Employer"/>). An unknown or disabled address gets the same answer and the same database write.
/// </summary>
public sealed class EmployerSignIn(
    AppDbContext db, EmployerAccounts accounts, OneTimeCodes codes, IAccountMessages messages, SignInThrottles throttles, AuditTrail audit,
    IOptions<DeploymentOptions> options, TimeProvider time, ILogger<EmployerSignIn> logger)
{
    public const int Digits = 6;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Sends a code when the address belongs to an active employer user who may get one now.</summary>
    public async Task RequestCodeAsync(string? emailText, string attemptToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attemptToken);
        var contact = Contacts.Normalize(emailText, options.Value.PhoneRegion);
        var user = contact is { Kind: ContactKinds.Email } ? await accounts.FindUserAsync(contact.Value, cancellationToken) : null;
        if (user?.DisabledAt is not null)
        {
            user = null;
        }

        var allowed = user is not null && await codes.MaySendAsync(SessionKinds.Employer, user.Id, TimeSpan.FromSeconds(options.Value.CodeResendSeconds), cancellationToken);
        var code = codes.AddSent(SessionKinds.Employer, allowed ? user!.Id : null, attemptToken, Digits, CodeLifetime);
        if (allowed)
        {
            await messages.SendEmployerSignInCodeAsync(contact!, code, user!.Language, cancellationToken);
            await audit.RecordAsync(AuditActions.CodeSent, "employer-user", user.Id, organizationId: null, cancellationToken: cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Employer sign-in code requested");
    }

    /// <summary>The user when the code is right (and the user active), else null; failures count per account and address.</summary>
    public async Task<EmployerUser?> VerifyAsync(string? emailText, string? codeText, string? attemptToken, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var code = new string(Contacts.AsciiDigits(codeText ?? "").Where(char.IsAsciiDigit).ToArray());
        var contact = Contacts.Normalize(emailText, options.Value.PhoneRegion);
        var user = contact is { Kind: ContactKinds.Email } ? await accounts.FindUserAsync(contact.Value, cancellationToken) : null;
        if (user is null || user.DisabledAt is not null || code.Length != Digits)
        {
            codes.Pretend(code);
            return null;
        }

        var accountId = user.Id.ToString("D");
        if (await throttles.IsLockedAsync(SessionKinds.Employer, accountId, address, cancellationToken))
        {
            await audit.RecordAsync(AuditActions.EmployerSignInFailed, "employer-user", user.Id, outcome: AuditOutcomes.Denied, detail: "locked", cancellationToken: cancellationToken);
            return null;
        }

        if (await codes.RedeemAsync(SessionKinds.Employer, user.Id, LoginCodeKinds.Sent, code, attemptToken, cancellationToken) is null)
        {
            await throttles.FailAsync(SessionKinds.Employer, accountId, address, cancellationToken);
            await audit.RecordAsync(AuditActions.EmployerSignInFailed, "employer-user", user.Id, outcome: AuditOutcomes.Failed, cancellationToken: cancellationToken);
            logger.LogInformation("Employer sign-in code refused");
            return null;
        }

        await throttles.SucceedAsync(SessionKinds.Employer, accountId, address, cancellationToken);
        user.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.EmployerSignIn, "employer-user", user.Id, actor: (AuditActors.Employer, accountId), cancellationToken: cancellationToken);
        return user;
    }

    /// <summary>Whether the user is still active (checked on sign-in; disabling also ends every session).</summary>
    public Task<bool> IsActiveAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Set<EmployerUser>().AnyAsync(u => u.Id == userId && u.DisabledAt == null, cancellationToken);
}
