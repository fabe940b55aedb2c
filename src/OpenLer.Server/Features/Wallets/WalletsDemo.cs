using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The demo's wallet offer (after the core seeder): at every start a fresh offer of the first jobseeker's credential, as a
/// caseworker makes it, so the start-up text can print its interaction URL, its OpenID4VCI offer URI and the transaction code
/// (the code is printed, never logged). Any wallet on this machine can take it once within 15 minutes.
/// </summary>
public sealed class WalletsDemo(AppDbContext db, People people, OfferService offers, WalletAddresses addresses) : IDemoSeeder
{
    public const string Heading = "Wallets";

    public int Order => 10;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var amina = await people.FindAsync(Contacts.Normalize(DemoData.JobseekerContacts[0])!, cancellationToken);
        var credential = amina is null ? null : await db.Credentials.AsNoTracking()
            .Where(c => c.JobseekerId == amina.Id && c.SourceCredentialId == null && c.RevokedAt == null)
            .OrderBy(c => c.IssuedAt).FirstOrDefaultAsync(cancellationToken);
        if (credential is null)
        {
            return;
        }

        var created = await offers.CreateAsync(credential, OfferService.ByStaff, null, cancellationToken: cancellationToken);
        if (!created.IsSuccess)
        {
            return;
        }

        var (offer, token, txCode) = created.Value;
        context.Items["wallet-offer"] = offer;
        context.Say(Heading, $"Add Amina's \"{credential.AchievementName}\" credential to another wallet (works once, 15 minutes): {addresses.InteractionUrl(token)}");
        context.Say(Heading, $"OpenID4VCI offer: {addresses.OfferUri(token)}");
        context.Say(Heading, $"Transaction code (tx_code): {txCode}");
        context.Say(Heading, $"Issuer metadata: {Credentials.Protocols.Oid4Vci.IssuerIdentifier.MetadataUrl(addresses.Issuer(DemoData.OrganizationSlug))}");
    }
}
