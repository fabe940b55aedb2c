using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// The demo's OpenID4VP request (after the core and wallet seeders): at every start, a signed request of the demo employer for
/// an Open Badges credential, whose URL the start-up text prints (answer it from Amina's wallet, or with any wallet app).
/// </summary>
public sealed class PresentationsDemo(AppDbContext db, VerifierRequests requests, PresentationAddresses addresses) : IDemoSeeder
{
    public int Order => 11;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == DemoData.OrganizationSlug, cancellationToken);
        var employer = org is null ? null : await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.OrganizationId == org.Id, cancellationToken);
        if (org is null || employer is null)
        {
            return;
        }

        var (request, token) = await requests.CreateAsync(org.Id, employer.Id, "staff", null, new RequestChoice(true, false, false, true, false), cancellationToken);
        context.Items["presentation-request"] = request;
        context.Say("Wallets", $"OpenID4VP request of {employer.Name} for a program completion: {addresses.InteractionUrl(token)}");
        context.Say("Wallets", $"  as a wallet link: {requests.WalletLink(request, token)}");
    }
}
