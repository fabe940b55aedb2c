using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using OpenLer.Server.Features.Audit;

namespace OpenLer.Server.Features.Account;

/// <summary>What a staff password sign-in found.</summary>
public enum StaffSignInOutcome { Failed, SecondFactorNeeded, SignedIn }

/// <summary>
/// Staff password sign-in. A known and an unknown e-mail cost the same (the unknown one is checked against a stand-in
/// hash with the same iterations, and counted in the same throttle table), so timing does not tell which accounts exist
/// (ASVS 6.3.8). Failures are counted per account and address (<see cref="SignInThrottles"/>) instead of Identity's
/// account-wide lockout, so nobody can keep a colleague locked out. A disabled account never signs in.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, IPasswordHasher<StaffUser> hasher,
    SignInThrottles throttles, AuditTrail audit)
{
    private static readonly Lazy<(StaffUser User, string Hash)> StandIn = new(() =>
    {
        var user = new StaffUser { Id = "stand-in" };
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        return (user, new PasswordHasher<StaffUser>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { IterationCount = AccountFeature.PasswordIterations })).HashPassword(user, password));
    });

    public async Task<StaffSignInOutcome> PasswordAsync(string? email, string? password, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(email) || email.Length > 256 ? null : await users.FindByEmailAsync(email.Trim());
        var accountId = user?.Id ?? "unknown:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((email ?? "").Trim().ToUpperInvariant())));
        var locked = await throttles.IsLockedAsync(SessionKinds.Staff, accountId, address, cancellationToken);
        if (user is null || locked || user.DisabledAt is not null || string.IsNullOrEmpty(password))
        {
            // Same work as a real check: one password hash with the same parameters, one throttle count, one audit record.
            _ = hasher.VerifyHashedPassword(StandIn.Value.User, StandIn.Value.Hash, password ?? "");
            if (!locked)
            {
                await throttles.FailAsync(SessionKinds.Staff, accountId, address, cancellationToken);
            }

            await audit.RecordAsync(AuditActions.StaffSignInFailed, "staff", user?.Id, user?.OrganizationId,
                outcome: AuditOutcomes.Denied, detail: locked ? "locked" : user?.DisabledAt is not null ? "disabled" : null,
                actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
            return StaffSignInOutcome.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            await throttles.SucceedAsync(SessionKinds.Staff, accountId, address, cancellationToken);
            return StaffSignInOutcome.SecondFactorNeeded;
        }

        if (!result.Succeeded)
        {
            await throttles.FailAsync(SessionKinds.Staff, accountId, address, cancellationToken);
            await audit.RecordAsync(AuditActions.StaffSignInFailed, "staff", user.Id, user.OrganizationId, outcome: AuditOutcomes.Failed,
                actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
            return StaffSignInOutcome.Failed;
        }

        await throttles.SucceedAsync(SessionKinds.Staff, accountId, address, cancellationToken);
        await audit.RecordAsync(AuditActions.StaffSignIn, "staff", user.Id, user.OrganizationId, actor: (AuditActors.Staff, user.Id), cancellationToken: cancellationToken);
        return StaffSignInOutcome.SignedIn;
    }

    /// <summary>The second step: an authenticator code or a recovery code, for the user who passed the password step.</summary>
    public async Task<bool> SecondFactorAsync(string? code, bool recovery, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || user.DisabledAt is not null)
        {
            return false;
        }

        if (await throttles.IsLockedAsync(SessionKinds.Staff, user.Id + ":2fa", address, cancellationToken))
        {
            return false;
        }

        var cleaned = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var result = cleaned.Length is 0 or > 64
            ? SignInResult.Failed
            : recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(cleaned)
                : await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            await throttles.FailAsync(SessionKinds.Staff, user.Id + ":2fa", address, cancellationToken);
            await audit.RecordAsync(AuditActions.StaffSignInFailed, "staff", user.Id, user.OrganizationId, outcome: AuditOutcomes.Failed,
                detail: "second factor", actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
            return false;
        }

        await throttles.SucceedAsync(SessionKinds.Staff, user.Id + ":2fa", address, cancellationToken);
        await audit.RecordAsync(AuditActions.StaffSignIn, "staff", user.Id, user.OrganizationId, detail: recovery ? "recovery code" : "authenticator",
            actor: (AuditActors.Staff, user.Id), cancellationToken: cancellationToken);
        return true;
    }
}
