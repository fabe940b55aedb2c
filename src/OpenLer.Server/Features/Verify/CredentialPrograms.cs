using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Finds the program of a pasted credential, to show its organization's translation beside the signed text. A credential
/// matches only when this deployment minted it: its achievement id is exactly <c>{base}/orgs/{slug}/programs/{id}</c>
/// (CredentialIssuer.Build), that program belongs to the organization of that slug, the signature held and the issuer is
/// that same organization (one of its keys' identities, retired keys included). Anything else (another issuer, an unknown
/// program, a forged or unsigned file) gets no program text and is shown as it is.
/// </summary>
public sealed class CredentialPrograms(AppDbContext db, ProgramTexts texts, IOptions<DeploymentOptions> options)
{
    private const string ProgramsSegment = "/programs/";

    public async Task<ProgramText?> ForAsync(VerificationResult result, CredentialView view, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(view);
        if (!Verdict.Of(result).ContentConfirmed || result[CheckNames.IssuerTrust]?.Status != CheckStatus.Passed
            || view.IssuerId is not { } issuerId || Parse(view.AchievementId) is not { } minted)
        {
            return null;
        }

        var program = await db.Programs.AsNoTracking().Where(p => p.Id == minted.ProgramId)
            .Join(db.Organizations.AsNoTracking().Where(o => o.Slug == minted.Slug), p => p.OrganizationId, o => o.Id, (p, o) => new { p.Id, Org = o })
            .FirstOrDefaultAsync(cancellationToken);
        if (program is null)
        {
            return null;
        }

        var keys = await db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == program.Org.Id).ToListAsync(cancellationToken);
        if (!keys.Any(k => OrganizationKeys.Identity(program.Org, k, options.Value).Did == issuerId))
        {
            return null;
        }

        return (await texts.ForReaderAsync([program.Id], language, cancellationToken)).GetValueOrDefault(program.Id);
    }

    /// <summary>The organization slug and program id of an achievement id this deployment mints, else null.</summary>
    private (string Slug, Guid ProgramId)? Parse(string? achievementId)
    {
        var prefix = options.Value.BaseUrl + "/orgs/";
        if (achievementId is null || !achievementId.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = achievementId[prefix.Length..];
        var at = rest.IndexOf(ProgramsSegment, StringComparison.Ordinal);
        return at > 0 && !rest[..at].Contains('/', StringComparison.Ordinal)
            && Guid.TryParseExact(rest[(at + ProgramsSegment.Length)..], "D", out var id) ? (rest[..at], id) : null;
    }
}
