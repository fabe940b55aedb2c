using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Wallets;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// The app in demo mode on Kestrel at a loopback port it knows in advance, so that its base URL (issuer identifier, offer and
/// status list URLs) is the address the wallets in Node reach: http://127.0.0.1:PORT.
/// </summary>
public sealed class KestrelApp : IAsyncLifetime
{
    public OpenLerFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Http { get; } = new();

    public ValueTask InitializeAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        BaseUrl = $"http://127.0.0.1:{port}";
        App = new OpenLerFactory(Db.Sqlite, kestrel: true, new Dictionary<string, string?>
        {
            ["OpenLer:Demo"] = "true",
            ["OpenLer:AllowInsecureCookies"] = "true",
            ["OpenLer:LocalBaseUrl"] = BaseUrl,
        }, kestrelPort: port);
        App.StartServer();
        Http.BaseAddress = new Uri(BaseUrl);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A new offer of a demo jobseeker's first credential, as their caseworker makes it: (token, tx_code, offer id).</summary>
    public Task<(string Token, string TxCode, Guid OfferId)> OfferAsync(int jobseeker = 0) => OfferAsync(App, jobseeker);

    /// <summary>The same on any demo app; <paramref name="lifetime"/> may be zero (an offer already expired).</summary>
    public static Task<(string Token, string TxCode, Guid OfferId)> OfferAsync(OpenLerFactory app, int jobseeker = 0, TimeSpan? lifetime = null) => app.WithScopeAsync(async services =>
    {
        var people = services.GetRequiredService<People>();
        var db = services.GetRequiredService<AppDbContext>();
        var person = (await people.FindAsync(Contacts.Normalize(DemoData.JobseekerContacts[jobseeker])!))!;
        var credential = await db.Credentials.AsNoTracking().FirstAsync(c => c.JobseekerId == person.Id && c.SourceCredentialId == null);
        var created = (await services.GetRequiredService<OfferService>().CreateAsync(credential, OfferService.ByStaff, null, lifetime)).Value;
        return (created.Token, created.TxCode, created.Offer.Id);
    });

    public static Task<WalletOffer> FindOfferAsync(OpenLerFactory app, Guid id) => app.WithScopeAsync(services =>
        services.GetRequiredService<AppDbContext>().Set<WalletOffer>().AsNoTracking().FirstAsync(o => o.Id == id));

    /// <summary>How many credentials an offer delivered.</summary>
    public static Task<int> DeliveredCountAsync(OpenLerFactory app, Guid offerId) => app.WithScopeAsync(services =>
        services.GetRequiredService<AppDbContext>().Credentials.CountAsync(c => c.OfferId == offerId));

    public Task<WalletOffer> FindOfferAsync(Guid id) => FindOfferAsync(App, id);

    public string OfferUri(string token) => "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString($"{BaseUrl}/w/{token}/offer");

    /// <summary>A presentation request of the demo organization for its employer: (request id, wallet link, token).</summary>
    public static Task<(Guid Id, string Link, string Token)> PresentationRequestAsync(OpenLerFactory app, Features.Presentations.RequestChoice choice) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Slug == DemoData.OrganizationSlug);
        var employer = await db.Employers.AsNoTracking().FirstAsync(e => e.OrganizationId == org.Id);
        var requests = services.GetRequiredService<Features.Presentations.VerifierRequests>();
        var (request, token) = await requests.CreateAsync(org.Id, employer.Id, "staff", null, choice);
        return (request.Id, requests.WalletLink(request, token), token);
    });

    /// <summary>The stored request and its verified outcome (decrypted as the result page reads it).</summary>
    public static Task<(Features.Presentations.PresentationRequest Request, Features.Presentations.PresentationOutcome? Outcome)> PresentationAsync(OpenLerFactory app, Guid id) => app.WithScopeAsync(async services =>
    {
        var request = await services.GetRequiredService<AppDbContext>().Set<Features.Presentations.PresentationRequest>().AsNoTracking().FirstAsync(r => r.Id == id);
        return (request, services.GetRequiredService<Features.Presentations.VerifierRequests>().Outcome(request));
    });

    /// <summary>The start-up text of the demo, as a new start prints it (every seeder adds its lines; the wallet seeder makes a fresh offer).</summary>
    public Task<string> DemoTextAsync() => App.WithScopeAsync(async services =>
    {
        using var writer = new StringWriter();
        await DemoRunner.RunAsync(services, BaseUrl, writer, CancellationToken.None);
        return writer.ToString();
    });
}
