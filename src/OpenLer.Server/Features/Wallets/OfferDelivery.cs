using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The one step both protocols end with: claim the offer for one wallet (a conditional update: only an open offer that
/// delivered nothing yet) and issue the copy to that wallet's DID through <see cref="CredentialIssuer"/>, recording which
/// wallet received it. The caller runs it inside its transaction, with its own single-use claims (nonce, access token,
/// exchange challenge), so that either everything happens once or nothing happens.
/// </summary>
public sealed class OfferDelivery(AppDbContext db, CredentialIssuer issuer, CaseRecords records, AuditTrail audit, TimeProvider time)
{
    public const string VcApi = "vcapi";
    public const string Oid4Vci = "oid4vci-1.0";
    public const string Oid4VciDraft13 = "oid4vci-draft13";

    /// <summary>Delivers the offer's credential; the error code is <c>ALREADY_DELIVERED</c> when the offer is not open any more.</summary>
    public async Task<Outcome<(IssuedCredential Record, string Credential)>> DeliverAsync(WalletOffer offer, string walletDid, string protocol, string format,
        bool checkExpiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<WalletOffer>()
            .Where(o => o.Id == offer.Id && o.DeliveredAt == null && o.CancelledAt == null && (!checkExpiry || o.ExpiresAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DeliveredAt, now).SetProperty(o => o.ReceivedByDid, walletDid)
                .SetProperty(o => o.ReceivedProtocol, protocol).SetProperty(o => o.ReceivedFormat, format), cancellationToken);
        if (claimed != 1)
        {
            return Outcome.Error("ALREADY_DELIVERED", "This offer was already used, cancelled or has expired.");
        }

        var source = await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id == offer.SourceCredentialId && c.JobseekerId == offer.JobseekerId, cancellationToken);
        if (source is null)
        {
            return Outcome.Error("NOT_DELIVERABLE", "The credential of this offer is gone.");
        }

        var issued = await issuer.IssueToWalletAsync(source, walletDid, format, offer.Id, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        await db.Set<WalletOffer>().Where(o => o.Id == offer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.DeliveredCredentialId, issued.Value.Id), cancellationToken);
        await audit.RecordAsync(AuditActions.OfferDelivered, "wallet-offer", offer.Id, offer.OrganizationId, detail: protocol + " " + format,
            actor: (AuditActors.Anonymous, null), cancellationToken: cancellationToken);
        return (issued.Value, records.CredentialJson(issued.Value));
    }
}
