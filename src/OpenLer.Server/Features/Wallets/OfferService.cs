using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// Makes, finds and cancels offers of a wallet credential to another wallet, and sends the transaction code on the second
/// channel (the person's own e-mail or phone, through the message queue).
/// </summary>
public sealed class OfferService(AppDbContext db, FieldProtector fields, People people, IMessageOutbox outbox, ProtocolRandom random,
    AuditTrail audit, TimeProvider time, ILogger<OfferService> logger)
{
    public const string ByJobseeker = "jobseeker";
    public const string ByStaff = "staff";
    public const string TxCodePurpose = "offer-tx-code";
    public const int TxCodeLength = 6;

    /// <summary>Wrong transaction codes before the offer is cancelled (OpenID4VCI 1.0 §13.6: limit the attempts).</summary>
    public const int MaxTxCodeAttempts = 5;

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The configurations an Open Badges credential is offered in: the wallet takes the one it speaks.</summary>
    public static IReadOnlyList<string> OpenBadgeConfigurations { get; } =
        [OpenLerCredentialConfigurations.OpenBadgeLdpVc, OpenLerCredentialConfigurations.OpenBadgeJwtVcJson];

    /// <summary>A new offer of one of the person's wallet credentials (not a copy, not revoked).</summary>
    public async Task<Outcome<CreatedOffer>> CreateAsync(IssuedCredential source, string createdByKind, string? createdById, TimeSpan? lifetime = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SourceCredentialId is not null || source.RevokedAt is not null)
        {
            return Outcome.Error("NOT_OFFERABLE", "Only a credential in the person's wallet that is not revoked can be offered.");
        }

        var token = random.NewToken();
        var txCode = random.NewNumericCode(TxCodeLength);
        var now = time.GetUtcNow().UtcDateTime;
        var offer = new WalletOffer
        {
            Id = Guid.NewGuid(),
            OrganizationId = source.OrganizationId,
            JobseekerId = source.JobseekerId,
            SourceCredentialId = source.Id,
            TokenHash = HashToken(token),
            TxCodeHash = people.CodeHash(TxCodePurpose, txCode),
            ConfigurationIds = string.Join(' ', OpenBadgeConfigurations),
            CreatedByKind = createdByKind,
            CreatedById = createdById,
            CreatedAt = now,
            ExpiresAt = now + (lifetime ?? DefaultLifetime),
        };
        offer.TokenCipher = fields.Protect(token, Where(offer))!;
        db.Set<WalletOffer>().Add(offer);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.OfferCreated, "wallet-offer", offer.Id, offer.OrganizationId, cancellationToken: cancellationToken);
        logger.LogInformation("Offer {OfferId} made for credential {CredentialId}", offer.Id, source.Id);
        return new CreatedOffer(offer, token, txCode);
    }

    /// <summary>Sends the transaction code to the person's own contact, in their language (the second channel).</summary>
    public async Task<bool> SendTxCodeAsync(WalletOffer offer, string txCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var person = await db.Set<Jobseeker>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == offer.JobseekerId, cancellationToken);
        if (person is null || people.ContactOf(person) is not { } contact)
        {
            return false;
        }

        var queued = await outbox.EnqueueAsync(OutgoingMessage.WalletOfferCode(contact.Value, person.Language, txCode, offer.ExpiresAt - offer.CreatedAt), cancellationToken);
        return queued.IsSuccess;
    }

    /// <summary>The offer an interaction URL, offer URL, exchange URL or pre-authorized code names, or null.</summary>
    public Task<WalletOffer?> FindByTokenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > TokenRequest.MaxCodeLength)
        {
            return Task.FromResult<WalletOffer?>(null);
        }

        var hash = HashToken(token);
        return db.Set<WalletOffer>().AsNoTracking().FirstOrDefaultAsync(o => o.TokenHash == hash, cancellationToken);
    }

    /// <summary>The offer's token (for its QR code), while it is open.</summary>
    public string? Token(WalletOffer offer) => StateOf(offer) == OfferState.Open ? fields.Unprotect(offer.TokenCipher, Where(offer)) : null;

    public OfferState StateOf(WalletOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.DeliveredAt is not null ? OfferState.Delivered
            : offer.CancelledAt is not null ? OfferState.Cancelled
            : offer.ExpiresAt <= time.GetUtcNow().UtcDateTime ? OfferState.Expired
            : OfferState.Open;
    }

    /// <summary>Cancels an open offer of this person (or, for staff, of this organization); false when there is none to cancel.</summary>
    public async Task<bool> CancelAsync(Guid offerId, Guid? jobseekerId, Guid? organizationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<WalletOffer>()
            .Where(o => o.Id == offerId && (jobseekerId == null || o.JobseekerId == jobseekerId) && (organizationId == null || o.OrganizationId == organizationId)
                && o.DeliveredAt == null && o.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CancelledAt, now).SetProperty(o => o.CancelReason, "cancelled"), cancellationToken);
        if (changed == 1)
        {
            await audit.RecordAsync(AuditActions.OfferCancelled, "wallet-offer", offerId, organizationId, cancellationToken: cancellationToken);
        }

        return changed == 1;
    }

    /// <summary>The person's offers of one credential, newest first.</summary>
    public Task<List<WalletOffer>> OffersOfAsync(Guid jobseekerId, Guid credentialId, CancellationToken cancellationToken = default) =>
        db.Set<WalletOffer>().AsNoTracking().Where(o => o.JobseekerId == jobseekerId && o.SourceCredentialId == credentialId)
            .OrderByDescending(o => o.CreatedAt).Take(20).ToListAsync(cancellationToken);

    /// <summary>SHA-256 of a 256-bit random token (a keyed hash adds nothing for values that cannot be guessed).</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static FieldScope Where(WalletOffer offer) => FieldScope.Person(WalletOffer.Table, "Token", offer.Id);
}
