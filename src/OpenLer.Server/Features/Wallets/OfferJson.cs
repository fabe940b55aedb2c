using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// An offer as an OpenID4VCI Credential Offer (1.0 §4.1.1): the organization's issuer, the offered configurations, the
/// pre-authorized code (the offer's token) and the transaction code's description in the person's language, saying where the
/// code comes from.
/// </summary>
public sealed class OfferJson(AppDbContext db, WalletAddresses addresses, TextCatalog catalog)
{
    public const string SentDescription = "The 6-digit code we sent to your e-mail or phone.";
    public const string ReadOutDescription = "The 6-digit code your caseworker reads out to you.";

    public async Task<CredentialOffer> BuildAsync(WalletOffer offer, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var slug = await db.Organizations.AsNoTracking().Where(o => o.Id == offer.OrganizationId).Select(o => o.Slug).FirstAsync(cancellationToken);
        var language = await db.Set<Account.Jobseeker>().AsNoTracking().Where(j => j.Id == offer.JobseekerId).Select(j => j.Language).FirstOrDefaultAsync(cancellationToken) ?? "en";
        var key = offer.CreatedByKind == OfferService.ByStaff ? ReadOutDescription : SentDescription;
        return new CredentialOffer
        {
            CredentialIssuer = addresses.Issuer(slug),
            CredentialConfigurationIds = offer.ConfigurationIds.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            PreAuthorizedCode = token,
            TxCode = TxCode.Numeric(OfferService.TxCodeLength, catalog.Find(language, key) ?? key),
        };
    }
}
