using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Sharing;

/// <summary>
/// Issue 11, sharing, through the pages without JavaScript: Share from the credential's page chooses that credential; the
/// person sees every live link again (the link in a read-only field, its QR decoding back to it, WhatsApp, SMS and e-mail
/// links carrying the message in the person's language, correctly percent-encoded); the printable card and the full-screen
/// QR; Stop; another person's link answers 404; a link made before tokens were kept says so and shows no QR.
/// </summary>
public sealed class ShareLinkTests
{
    private const string Contact = "amina@share.test";
    private const string Other = "dawit@share.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_link_is_seen_again_with_its_qr_and_send_links_then_stopped(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Contact);
        wallet = await holder.SubmitAsync(wallet, "main form", new Dictionary<string, string> { ["kind"] = "language", ["description"] = "Dari, fluent" });

        // Share from the credential's own page: that credential is chosen, nothing else.
        var credentialPath = wallet.QuerySelector(".cards .card a[href^='/wallet/credentials/']")!.GetAttribute("href")!;
        var credentialId = credentialPath[(credentialPath.LastIndexOf('/') + 1)..];
        var detail = await holder.GetAsync(credentialPath);
        var shareHref = detail.QuerySelector("#share-credential")!.GetAttribute("href")!;
        Assert.Equal("/sharing?credential=" + credentialId, shareHref);
        var chosen = await holder.GetAsync(shareHref);
        Assert.True(((IHtmlInputElement)chosen.QuerySelector($"#c-{credentialId}")!).IsChecked);
        Assert.All(chosen.QuerySelectorAll("input[name=selfReportedIds]").Cast<IHtmlInputElement>(), e => Assert.False(e.IsChecked));
        var fresh = await holder.GetAsync("/sharing");
        Assert.All(fresh.QuerySelectorAll("input[name=selfReportedIds]").Cast<IHtmlInputElement>(), e => Assert.True(e.IsChecked));
        var preview = await holder.SubmitAsync(chosen, "#choose-form", new Dictionary<string, string> { ["label"] = "Desert Logistics" });
        Assert.DoesNotContain("Dari, fluent", preview.QuerySelector("#share-preview")!.TextContent, StringComparison.Ordinal);
        var created = await holder.SubmitAsync(preview, "#create-form", new Dictionary<string, string>());
        var link = created.QuerySelector("#share-link")!.GetAttribute("href")!;
        var linkPage = created.QuerySelector("#created-manage")!.GetAttribute("href")!;
        Assert.Matches("^/sharing/[0-9a-f-]{36}$", linkPage);

        // Seen again later: the same link, its QR, the send links and the card.
        var page = await holder.GetAsync(linkPage);
        Assert.Equal("no-store", holder.Last!.Headers.CacheControl!.ToString());
        var field = (IHtmlInputElement)page.QuerySelector("#share-url")!;
        Assert.Equal(link, field.Value);
        Assert.True(field.IsReadOnly);
        Assert.Equal(link, QrImages.DecodeDataUri(page.QuerySelector("#share-qr")!.GetAttribute("src")));
        Assert.True(page.QuerySelector("#copy-link")!.HasAttribute("hidden"), "Copy needs the script, so it starts hidden");
        var message = "Here are my credentials, checked by OpenLER: " + link;
        AssertSendLinks(page, message, "My credentials", link);
        Assert.Equal("/sharing" + linkPage[8..] + "/card", page.QuerySelector("#share-card")!.GetAttribute("href"));

        // The page may run the one share script and nothing else; the script is served from this origin.
        var csp = string.Join(";", holder.Last.Headers.GetValues("Content-Security-Policy"));
        var scriptSources = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal)).Split(' ')[1..];
        Assert.Equal(new Uri(scriptSources.Single()).AbsolutePath, SecurityHeadersScript());
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("script:not([src])"));
        var script = await holder.Client.GetAsync(page.QuerySelector("script[src]")!.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("clipboard", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = await holder.GetAsync("/wallet");
        Assert.Contains("script-src 'none'", string.Join(";", holder.Last.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.NotNull(other);

        // The list links every live link's page.
        var list = await holder.GetAsync("/sharing");
        Assert.NotNull(list.QuerySelector($"a[href='{linkPage}']"));

        // In Spanish the message is Spanish (the link unchanged).
        var spanish = await holder.ChooseLanguageAsync(page, "es");
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        AssertSendLinks(spanish, "Aquí están mis credenciales, verificadas por OpenLER: " + link, "Mis credenciales", link);
        await holder.ChooseLanguageAsync(spanish, "en");

        // The printable card: name, title, QR, expiry, organization; the full-screen QR.
        var card = await holder.GetAsync(linkPage + "/card");
        var cardText = card.QuerySelector("#share-card")!.TextContent;
        Assert.Contains("Amina Yusuf", cardText, StringComparison.Ordinal);
        Assert.Contains("Warehouse Basics", cardText, StringComparison.Ordinal);
        Assert.Contains(link, cardText, StringComparison.Ordinal);
        var organization = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Organizations.Select(o => o.Name).SingleAsync());
        Assert.Equal(organization, card.QuerySelector("#card-issuers")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector("#card-expiry")!.TextContent));
        Assert.Equal(link, QrImages.DecodeDataUri(card.QuerySelector("#card-qr")!.GetAttribute("src")));
        var full = await holder.GetAsync(linkPage + "/qr");
        Assert.Equal(link, QrImages.DecodeDataUri(full.QuerySelector("#fullscreen-qr")!.GetAttribute("src")));
        Assert.Contains("Warehouse Basics", full.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Null(full.QuerySelector("nav"));

        // Someone else: 404 for the page, the card and the QR.
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Forklift Safety", Other);
        var stranger = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, stranger, Other);
        await stranger.GetAsync(linkPage, HttpStatusCode.NotFound);
        await stranger.GetAsync(linkPage + "/card", HttpStatusCode.NotFound);
        await stranger.GetAsync(linkPage + "/qr", HttpStatusCode.NotFound);
        await stranger.GetAsync("/sharing/" + Guid.NewGuid(), HttpStatusCode.NotFound);
        Assert.DoesNotContain(link, (await stranger.GetAsync("/sharing")).DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Stop: the page says so, shows no link or QR any more; the card goes back to the page; the employer gets 410.
        page = await holder.GetAsync(linkPage);
        var stopped = await holder.SubmitAsync(page, "#revoke-form", new Dictionary<string, string>());
        Assert.Contains("The link is stopped", stopped.QuerySelector("#share-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Stopped on", stopped.QuerySelector("#share-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(stopped.QuerySelector("#share-url"));
        Assert.Null(stopped.QuerySelector("#share-qr"));
        Assert.Null(stopped.QuerySelector("#revoke-form"));
        await holder.GetAsync(linkPage + "/card", HttpStatusCode.Found);
        Assert.Equal(linkPage, holder.Last!.Headers.Location!.OriginalString);
        await holder.GetAsync(linkPage + "/qr", HttpStatusCode.Found);
        await new WebSession(app.Client()).GetAsync(new Uri(link).AbsolutePath, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_link_made_before_tokens_were_kept_says_so_and_shows_no_qr()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Contact);
        var path = await Journey.ShareAsync(holder);

        // An older version kept only the hash.
        var id = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var share = await db.Shares.SingleAsync();
            share.TokenCipher = null;
            await db.SaveChangesAsync();
            return share.Id;
        });

        var page = await holder.GetAsync($"/sharing/{id}");
        Assert.Contains("made before links could be shown again", page.QuerySelector("#legacy-link")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#share-url"));
        Assert.Null(page.QuerySelector("#share-qr"));
        Assert.Null(page.QuerySelector("#share-whatsapp"));
        Assert.Null(page.QuerySelector("script"));
        Assert.Contains("script-src 'none'", string.Join(";", holder.Last!.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#revoke-form"));
        await holder.GetAsync($"/sharing/{id}/qr", HttpStatusCode.Found);
        Assert.Equal($"/sharing/{id}", holder.Last!.Headers.Location!.OriginalString);
        await holder.GetAsync($"/sharing/{id}/card", HttpStatusCode.Found);

        // The link itself still works for whoever has it (looked up by its hash).
        await new WebSession(app.Client()).GetAsync(path);
    }

    private static string SecurityHeadersScript() => OpenLer.Server.Infrastructure.SecurityHeaders.ShareScript;

    /// <summary>The three send links carry exactly the message (and subject), percent-encoded, and the link survives decoding.</summary>
    private static void AssertSendLinks(IHtmlDocument page, string message, string subject, string link)
    {
        var whatsapp = page.QuerySelector("#share-whatsapp")!.GetAttribute("href")!;
        var sms = page.QuerySelector("#share-sms")!.GetAttribute("href")!;
        var email = page.QuerySelector("#share-email")!.GetAttribute("href")!;
        Assert.Equal("https://wa.me/?text=" + Uri.EscapeDataString(message), whatsapp);
        Assert.Equal("sms:?&body=" + Uri.EscapeDataString(message), sms);
        Assert.Equal("mailto:?subject=" + Uri.EscapeDataString(subject) + "&body=" + Uri.EscapeDataString(message), email);
        foreach (var href in new[] { whatsapp, sms, email })
        {
            Assert.DoesNotContain(' ', href);
            Assert.DoesNotContain("://localhost", href[8..], StringComparison.Ordinal);
        }

        var body = Uri.UnescapeDataString(email[(email.IndexOf("&body=", StringComparison.Ordinal) + 6)..]);
        Assert.Equal(message, body);
        Assert.EndsWith(link, Uri.UnescapeDataString(whatsapp["https://wa.me/?text=".Length..]), StringComparison.Ordinal);
    }
}
