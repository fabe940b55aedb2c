using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>What checking a code found.</summary>
public sealed record CodeCheck(Jobseeker? Jobseeker, string? Kind)
{
    public bool Succeeded => Jobseeker is not null;

    public static readonly CodeCheck Failed = new(null, null);
}

/// <summary>
/// Passwordless sign-in for jobseekers (ASVS 6.5/6.6). A sent code has 6 digits, works 10 minutes, once, and only from
/// the browser that asked for it (bound to its sign-in attempt token); a caseworker's printed letter code has 12
/// digits and works 7 days, once, and only for an account the organization created that the person has not claimed.
/// The code mechanics (keyed hashes, binding, atomic attempts, hourly count) are <see cref="OneTimeCodes"/>'s; failures
/// also count per account and address (<see cref="SignInThrottles"/>). Unknown, locked and wrong all give the same
/// answer, and asking for a code writes the same row whether or not the account exists.
/// </summary>
public sealed class CodeSignIn(
    AppDbContext db, People people, OneTimeCodes codes, IAccountMessages messages, SignInThrottles throttles, AuditTrail audit,
    IOptions<DeploymentOptions> options, TimeProvider time, ILogger<CodeSignIn> logger)
{
    public const int MaxAttempts = OneTimeCodes.MaxAttempts;
    public const int MaxCodesPerHour = OneTimeCodes.MaxCodesPerHour;
    public const int SentDigits = 6;
    public const int LetterDigits = 12;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan LetterLifetime = TimeSpan.FromDays(7);

    /// <summary>Sends a code when the account exists and may get one now; writes the same kind of row either way.</summary>
    public async Task RequestCodeAsync(string? contactText, string attemptToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attemptToken);
        var contact = Contacts.Normalize(contactText, options.Value.PhoneRegion);
        var jobseeker = contact is null ? null : await people.FindAsync(contact, cancellationToken);
        var allowed = jobseeker is not null
            && await codes.MaySendAsync(SessionKinds.Jobseeker, jobseeker.Id, TimeSpan.FromSeconds(options.Value.CodeResendSeconds), cancellationToken);
        if (jobseeker is not null && !allowed)
        {
            logger.LogInformation("Sign-in code asked for too often; none sent");
        }

        var code = codes.AddSent(SessionKinds.Jobseeker, allowed ? jobseeker!.Id : null, attemptToken, SentDigits, CodeLifetime);
        if (allowed)
        {
            await messages.SendSignInCodeAsync(contact!, code, jobseeker!.Language, cancellationToken);
            await audit.RecordAsync(AuditActions.CodeSent, "jobseeker", jobseeker.Id, organizationId: null, cancellationToken: cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sign-in code requested");
    }

    /// <summary>
    /// A printed letter code for a client of <paramref name="organizationId"/> whose account that organization created and the
    /// person has not claimed; null otherwise. Shown once to the caseworker, recorded, and told to the person at next sign-in.
    /// </summary>
    public async Task<string?> CreateLetterCodeAsync(Guid organizationId, Guid jobseekerId, string staffId, CancellationToken cancellationToken = default)
    {
        var jobseeker = await db.Jobseekers.FirstOrDefaultAsync(j => j.Id == jobseekerId, cancellationToken);
        if (jobseeker is null || jobseeker.CreatedByOrganizationId != organizationId || jobseeker.ClaimedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.LoginCodes.Where(c => c.AccountKind == SessionKinds.Jobseeker && c.AccountId == jobseekerId && c.Kind == LoginCodeKinds.Letter && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now), cancellationToken);
        var code = NewCode(LetterDigits);
        var row = new LoginCode
        {
            Id = Guid.NewGuid(),
            AccountKind = SessionKinds.Jobseeker,
            AccountId = jobseekerId,
            Kind = LoginCodeKinds.Letter,
            CreatedAt = now,
            ExpiresAt = now + LetterLifetime,
            CreatedByStaffId = staffId,
            OrganizationId = organizationId,
        };
        row.CodeHash = CodeHash(row.Id, code);
        db.LoginCodes.Add(row);
        db.Set<AccountNotice>().Add(new AccountNotice
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseekerId,
            Kind = NoticeKinds.CodeMadeByStaff,
            OrganizationId = organizationId,
            CreatedAt = now,
        });
        if (people.ContactOf(jobseeker) is { } contact)
        {
            // The person hears about it on their own phone or e-mail too, not only at the next sign-in.
            var organization = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            await messages.SendLetterNoticeAsync(contact, organization, jobseeker.Language, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CodePrinted, "jobseeker", jobseekerId, organizationId, cancellationToken: cancellationToken);
        return code;
    }

    /// <summary>Checks a code typed by a person; the account when it is right, else <see cref="CodeCheck.Failed"/>.</summary>
    public async Task<CodeCheck> VerifyAsync(string? contactText, string? codeText, string? attemptToken, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var code = new string(Contacts.AsciiDigits(codeText ?? "").Where(char.IsAsciiDigit).ToArray());
        var contact = Contacts.Normalize(contactText, options.Value.PhoneRegion);
        var jobseeker = contact is null ? null : await people.FindAsync(contact, cancellationToken);
        if (jobseeker is null || code.Length is not (SentDigits or LetterDigits))
        {
            codes.Pretend(code);
            return CodeCheck.Failed;
        }

        var accountId = jobseeker.Id.ToString("D");
        if (await throttles.IsLockedAsync(SessionKinds.Jobseeker, accountId, address, cancellationToken))
        {
            await audit.RecordAsync(AuditActions.JobseekerSignInFailed, "jobseeker", jobseeker.Id, outcome: AuditOutcomes.Denied, detail: "locked", cancellationToken: cancellationToken);
            return CodeCheck.Failed;
        }

        var kind = code.Length == SentDigits ? LoginCodeKinds.Sent : LoginCodeKinds.Letter;
        var match = await codes.RedeemAsync(SessionKinds.Jobseeker, jobseeker.Id, kind, code, attemptToken, cancellationToken);
        if (match is null)
        {
            await throttles.FailAsync(SessionKinds.Jobseeker, accountId, address, cancellationToken);
            await audit.RecordAsync(AuditActions.JobseekerSignInFailed, "jobseeker", jobseeker.Id, outcome: AuditOutcomes.Failed, cancellationToken: cancellationToken);
            logger.LogInformation("Sign-in code refused");
            return CodeCheck.Failed;
        }

        await throttles.SucceedAsync(SessionKinds.Jobseeker, accountId, address, cancellationToken);
        if (match.Kind == LoginCodeKinds.Sent)
        {
            // The person proved they hold the contact: from now on no caseworker can make codes for this account.
            jobseeker.ClaimedAt ??= now;
        }

        jobseeker.FirstSignInAt ??= now;
        jobseeker.LastSignInAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.JobseekerSignIn, "jobseeker", jobseeker.Id, detail: match.Kind, actor: (AuditActors.Jobseeker, jobseeker.Id.ToString("D")), cancellationToken: cancellationToken);
        return new CodeCheck(jobseeker, match.Kind);
    }

    /// <summary>A keyed hash of a code (HMAC with the people's index key), bound to its row.</summary>
    public string CodeHash(Guid rowId, string code) => codes.CodeHash(rowId, code);

    public static string BindingHash(string attemptToken) => OneTimeCodes.BindingHash(attemptToken);

    public static string NewCode(int digits) => OneTimeCodes.NewCode(digits);

    /// <summary>A letter code shown in groups of four digits ("4821 0937 5512"), easier to read out and type.</summary>
    public static string Grouped(string code) =>
        string.Join(' ', Enumerable.Range(0, (code ?? "").Length / 4).Select(i => code![(i * 4)..((i + 1) * 4)]));
}
