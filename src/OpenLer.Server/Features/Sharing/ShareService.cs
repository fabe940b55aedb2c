using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Sharing;

/// <summary>What opening a share link found.</summary>
public enum ShareState { NotFound, Expired, Revoked, Open }

/// <summary>
/// Creates, opens and revokes share links. A share carries exactly what the holder picked: credentials, the facts of the
/// work authorization (a presentation whose key-binding JWT the holder's wallet key signs for this link's nonce and
/// audience, made when the link is made), and self-reported entries (entries added later never appear on it; a deleted
/// entry disappears from it). Opening records the time only (never who opened it). Errors: NOTHING, NO_FACTS, UNKNOWN_FACT,
/// NOT_OWNED.
/// </summary>
public sealed class ShareService(AppDbContext db, FieldProtector fields, SelfReportedRecords selfReported, WorkAuthorizationIssuer workAuthorization,
    WalletKeys walletKeys, AuditTrail audit, ShareOpenLog openLog, IOptions<DeploymentOptions> options, TimeProvider time)
{
    /// <summary>The share and its items by the token's hash: compiled once, as every employer's view runs it.</summary>
    private static readonly PerModel<Func<AppDbContext, string, CancellationToken, Task<Share?>>> ShareByHash = new(() => EF.CompileAsyncQuery(
        (AppDbContext context, string hash, CancellationToken _) => context.Shares.AsNoTracking().Include(s => s.Items).FirstOrDefault(s => s.TokenHash == hash)));

    public const int DefaultDays = 30;
    public const int MaxDays = 365;
    public const int LabelMaxLength = 100;

    /// <summary>The facts shared by default: whether the person may work, and until when.</summary>
    public static IReadOnlyList<string> DefaultFacts => WorkAuthorizationCredential.DefaultDisclosure;

    /// <summary>The facts a holder may pick, in the order the page lists them.</summary>
    public static IReadOnlyList<string> Facts { get; } =
        ["authorized_to_work", "valid_until", "document_seen_at", "status_category", "document_type", "category", "a_number", "document_number"];

    /// <summary>The audience the holder's key-binding JWTs name for a share (RFC 9901 §4.3 aud): this link's own identifier.</summary>
    public string Audience(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return $"{options.Value.BaseUrl}/shares/{share.Id:N}";
    }

    /// <summary>The employer page's key-binding policy for a share: its nonce and audience, signed while the link is live.</summary>
    public KeyBindingRequirement KeyBinding(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return new KeyBindingRequirement
        {
            Nonce = share.Nonce,
            Audience = Audience(share),
            MaxAge = share.ExpiresAt - share.CreatedAt + TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>What a share of <paramref name="choice"/> would show (the preview), or why it cannot be made.</summary>
    public async Task<Outcome<ShareContents>> ResolveAsync(Guid jobseekerId, ShareChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == jobseekerId && c.RevokedAt == null && c.SourceCredentialId == null && choice.CredentialIds.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var entries = await db.SelfReported.AsNoTracking()
            .Where(e => e.JobseekerId == jobseekerId && choice.SelfReportedIds.Contains(e.Id)).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        if (credentials.Count != choice.CredentialIds.Distinct().Count() || entries.Count != choice.SelfReportedIds.Distinct().Count())
        {
            return Outcome.Error("NOT_OWNED", "A chosen credential or entry is not the holder's.");
        }

        IssuedWorkAuthorization? work = null;
        JsonObject? disclosed = null;
        var facts = choice.Facts.Distinct(StringComparer.Ordinal).ToList();
        if (choice.WorkAuthorizationId is { } workId)
        {
            work = await db.Set<IssuedWorkAuthorization>().AsNoTracking()
                .FirstOrDefaultAsync(c => c.JobseekerId == jobseekerId && c.Id == workId && c.RevokedAt == null && c.SdJwtCipher != null, cancellationToken);
            if (work is null)
            {
                return Outcome.Error("NOT_OWNED", "The work-authorization credential is not the holder's.");
            }

            if (facts.Count == 0)
            {
                return Outcome.Error("NO_FACTS", "Choose at least one fact of the work authorization, or leave it out.");
            }

            if (facts.Any(f => !Facts.Contains(f)))
            {
                return Outcome.Error("UNKNOWN_FACT", "A chosen fact is not part of the work authorization.");
            }

            var all = WorkAuthorizationCredential.Claims(workAuthorization.SdJwt(work)!).Value;
            disclosed = new JsonObject();
            foreach (var claim in facts.Concat(WorkAuthorizationCredential.AlwaysDisclosed).Append(WorkAuthorizationCredential.NoExpiryClaim))
            {
                if (claim == WorkAuthorizationCredential.NoExpiryClaim && !facts.Contains("valid_until"))
                {
                    continue;
                }

                if (all[claim] is { } value)
                {
                    disclosed[claim] = value.DeepClone();
                }
            }
        }

        if (credentials.Count == 0 && work is null && entries.Count == 0)
        {
            return Outcome.Error("NOTHING", "Choose at least one thing to share.");
        }

        return new ShareContents(credentials, work, facts, disclosed, [.. entries.Select(e => (e.Id, e.Kind, selfReported.Description(e)))]);
    }

    /// <summary>Creates a share of exactly <paramref name="choice"/>; returns the share and its token (kept encrypted for the holder).</summary>
    public async Task<Outcome<(Share Share, string Token)>> CreateAsync(Guid jobseekerId, ShareChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var contents = await ResolveAsync(jobseekerId, choice, cancellationToken);
        if (!contents.IsSuccess)
        {
            return contents.Error;
        }

        var token = ShareTokens.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var share = new Share
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseekerId,
            TokenHash = ShareTokens.Hash(token),
            Nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Math.Clamp(choice.Days, 1, MaxDays)),
        };
        share.TokenCipher = fields.Protect(token, TokenWhere(share));
        var label = choice.Label.Trim();
        share.LabelCipher = label.Length == 0 ? null : fields.Protect(label[..Math.Min(label.Length, LabelMaxLength)], LabelWhere(share));
        share.Items.AddRange(contents.Value.Credentials.Select(c => new ShareItem { Id = Guid.NewGuid(), Kind = ShareItemKinds.Credential, CredentialId = c.Id }));
        if (contents.Value.WorkAuthorization is { } work)
        {
            var item = new ShareItem
            {
                Id = Guid.NewGuid(),
                Kind = ShareItemKinds.WorkAuthorization,
                CredentialId = work.Id,
                Facts = string.Join(',', contents.Value.Facts),
            };
            using var holderKey = await walletKeys.ForCredentialAsync(jobseekerId, work.Id, cancellationToken)
                ?? throw new InvalidOperationException("The wallet has no key for its work-authorization credential.");
            var presentation = WorkAuthorizationCredential.PresentOnly(workAuthorization.SdJwt(work)!, contents.Value.Facts, holderKey, share.Nonce,
                Audience(share), time.GetUtcNow());
            if (!presentation.IsSuccess)
            {
                return presentation.Error;
            }

            item.PresentationCipher = fields.Protect(presentation.Value, PresentationWhere(item));
            share.Items.Add(item);
        }

        share.Items.AddRange(contents.Value.SelfReported.Select(e => new ShareItem { Id = Guid.NewGuid(), Kind = ShareItemKinds.SelfReported, SelfReportedId = e.Id }));
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        db.Shares.Add(share);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ShareCreated, "share", share.Id, null, detail: string.Create(CultureInfo.InvariantCulture,
            $"credentials {contents.Value.Credentials.Count}; work-authorization {(contents.Value.WorkAuthorization is null ? "-" : string.Join(',', contents.Value.Facts))}; self-reported {contents.Value.SelfReported.Count}"),
            cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (share, token);
    }

    public async Task<bool> RevokeAsync(Guid jobseekerId, Guid shareId, CancellationToken cancellationToken = default)
    {
        var share = await db.Shares.FirstOrDefaultAsync(s => s.JobseekerId == jobseekerId && s.Id == shareId, cancellationToken);
        if (share is null)
        {
            return false;
        }

        if (share.RevokedAt is null)
        {
            share.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.ShareStopped, "share", share.Id, null, cancellationToken: cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// A share by id (an application's, which the employer reads inside the app rather than through the link): its state and,
    /// when open, the share (with its items) and its credentials; <paramref name="recordOpen"/> records an opening the holder
    /// sees in their list.
    /// </summary>
    public async Task<(ShareState State, Share? Share, List<IssuedCredential> Credentials)> ReadAsync(Guid shareId, bool recordOpen, CancellationToken cancellationToken = default)
    {
        var share = await db.Shares.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == shareId, cancellationToken);
        var state = StateOf(share);
        if (state != ShareState.Open)
        {
            return (state, null, []);
        }

        if (recordOpen)
        {
            openLog.Record(share!.Id, time.GetUtcNow().UtcDateTime);
        }

        return (state, share, await CredentialsAsync(share!, cancellationToken));
    }

    private ShareState StateOf(Share? share) =>
        share is null ? ShareState.NotFound
        : share.RevokedAt is not null ? ShareState.Revoked
        : share.ExpiresAt <= time.GetUtcNow().UtcDateTime ? ShareState.Expired
        : ShareState.Open;

    private Task<List<IssuedCredential>> CredentialsAsync(Share share, CancellationToken cancellationToken)
    {
        var ids = share.Items.Where(i => i.Kind == ShareItemKinds.Credential && i.CredentialId != null).Select(i => i.CredentialId!.Value).ToList();
        return db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == share.JobseekerId && ids.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Finds a share by its token (read only); an open share records the opening through <see cref="ShareOpenLog"/>.</summary>
    public async Task<(ShareState State, Share? Share)> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var share = await ShareByHash.For(db)(db, ShareTokens.Hash(token), cancellationToken);
        var state = StateOf(share);
        if (state != ShareState.Open)
        {
            return (state, share);
        }

        openLog.Record(share!.Id, time.GetUtcNow().UtcDateTime);
        return (ShareState.Open, share);
    }

    /// <summary>The holder's label of a share ("" when none).</summary>
    public string Label(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return fields.Unprotect(share.LabelCipher, LabelWhere(share)) ?? "";
    }

    /// <summary>The share's token for its holder, or null for a link made before tokens were kept (only its hash exists).</summary>
    public string? Token(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return fields.Unprotect(share.TokenCipher, TokenWhere(share));
    }

    /// <summary>The link of a share (<c>{BaseUrl}/s/{token}</c>), or null when its token was not kept.</summary>
    public string? Link(Share share) => Token(share) is { } token ? options.Value.BaseUrl + "/s/" + token : null;

    /// <summary>The presentation made for a work-authorization item, or null once it was erased.</summary>
    public string? Presentation(ShareItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return fields.Unprotect(item.PresentationCipher, PresentationWhere(item));
    }

    public static FieldScope LabelWhere(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return FieldScope.Person("Shares", "Label", share.Id);
    }

    public static FieldScope TokenWhere(Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return FieldScope.Person("Shares", "Token", share.Id);
    }

    public static FieldScope PresentationWhere(ShareItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return FieldScope.Person("ShareItems", "Presentation", item.Id);
    }
}
