using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Badges;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Badges;

/// <summary>
/// Issue 11 ("Look"): a badge image per program, uploaded (a PNG checked whole) or drawn from the program's name and
/// colour, published at the program's address, shown in the wallet and on share pages, and baked with the credential
/// into a download that unbakes to exactly what the wallet holds.
/// </summary>
public sealed class BadgeTests
{
    private static Task<AchievementProgram> ProgramAsync(OpenLerFactory app) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Programs.AsNoTracking().OrderBy(p => p.CreatedAt).FirstAsync());

    private static Task<string> BaseUrlAsync(OpenLerFactory app) =>
        app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<IOptions<DeploymentOptions>>().Value.BaseUrl));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_uploaded_png_is_served_at_the_programs_address_with_safe_headers_and_an_etag(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@badge.test");
        var program = await ProgramAsync(app);
        var address = $"/orgs/acme/programs/{program.Id}/badge";

        // Before any upload: the generated SVG, and the credential issued names the badge address as its image.
        var credential = JsonNode.Parse(await app.FirstCredentialJsonAsync())!;
        var image = credential["credentialSubject"]!["achievement"]!["image"]!;
        Assert.Equal(await BaseUrlAsync(app) + address, (string?)image["id"]);
        Assert.Equal("Image", (string?)image["type"]);
        var anyone = app.Client();
        var generated = await anyone.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        Assert.Equal("image/svg+xml", generated.Content.Headers.ContentType!.MediaType);

        var edit = await staff.GetAsync($"/programs/{program.Id}");
        Assert.StartsWith(address + "?v=", edit.QuerySelector("#badge-preview")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.NotNull(edit.QuerySelector("#badge-upload input[name=__RequestVerificationToken]"));
        Assert.NotNull(edit.QuerySelector("#badge-colour input[name=__RequestVerificationToken]"));
        var png = BadgeFiles.Png(120, 80);
        var uploaded = await BadgeFiles.UploadAsync(staff, edit, program.Id, png, "badge.png", "image/png");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var after = await staff.GetAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal("Badge image saved.", after.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.Contains("uploaded image", after.QuerySelector("#badge")!.TextContent, StringComparison.Ordinal);

        // Served to anyone (no session), exactly the bytes, with nosniff, a policy that allows nothing, and an ETag.
        var served = await anyone.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(BadgesFeature.ImagePolicy, served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("public", served.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var etag = served.Headers.ETag!;
        Assert.Equal("\"" + Convert.ToHexStringLower(SHA256.HashData(png).AsSpan(0, 16)) + "\"", etag.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, address);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await anyone.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Only real programs of existing organizations: another slug, an unknown program, an unknown organization.
        await app.CreateOrganizationAsync("other", "admin@other.test");
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/orgs/other/programs/{program.Id}/badge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/orgs/acme/programs/{Guid.NewGuid()}/badge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/orgs/nobody/programs/{program.Id}/badge")).StatusCode);

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ProgramBadge>().AsNoTracking().SingleAsync());
        Assert.Equal(program.OrganizationId, stored.OrganizationId);
        Assert.Equal(png, stored.Image);
    }

    [Fact]
    public async Task The_generated_badge_holds_the_escaped_name_and_the_chosen_colour_and_nothing_active()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var programId = Guid.NewGuid();
        const string name = "Tools & \"Safety\" <script>alert(1)</script> ]]> سلامة";
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            db.Programs.Add(new AchievementProgram { Id = programId, OrganizationId = org.Id, Name = name, Description = "d", Criteria = "c", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");

        // A colour that is not #rrggbb: refused on its field, nothing stored.
        var page = await staff.GetAsync($"/programs/{programId}/badge");
        var refused = await staff.SubmitAsync(page, "#badge-colour", new Dictionary<string, string> { ["colour"] = "red;}<x>" });
        var field = refused.QuerySelector("#badge-colour-value")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("badge-colour-error", field.GetAttribute("aria-describedby"));
        Assert.Contains("#1f5f99", refused.QuerySelector("#badge-colour-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ProgramBadge>().CountAsync()));

        var saved = await staff.SubmitAsync(page, "#badge-colour", new Dictionary<string, string> { ["colour"] = "#AA3300" });
        Assert.Contains("Badge colour saved", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("#aa3300", saved.QuerySelector("#badge-colour-value")!.GetAttribute("value"));

        var served = await app.Client().GetAsync($"/orgs/acme/programs/{programId}/badge");
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", served.Headers.GetValues("Content-Security-Policy").Single());
        var svg = await served.Content.ReadAsStringAsync();
        Assert.Contains("fill=\"#aa3300\"", svg, StringComparison.Ordinal);
        Assert.Contains("Tools &amp; \"Safety\" &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; سلامة", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);

        // Well-formed XML with no DTD, whose elements are only svg, title, circle and text; the initials of the first three words.
        var elements = new List<string>();
        using (var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    Assert.Equal("http://www.w3.org/2000/svg", reader.NamespaceURI);
                    Assert.False(reader.HasAttributes && Enumerable.Range(0, reader.AttributeCount).Any(i => reader.GetAttribute(i).Contains("javascript", StringComparison.OrdinalIgnoreCase)));
                    elements.Add(reader.LocalName);
                }
            }
        }

        Assert.Equal(["svg", "title", "circle", "circle", "text"], elements);
        Assert.Contains(">TSS</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_with_a_message_on_the_file_field_and_nothing_is_stored()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var programId = Guid.NewGuid();
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            db.Programs.Add(new AchievementProgram { Id = programId, OrganizationId = org.Id, Name = "Warehouse Basics", Description = "d", Criteria = "c", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var page = await staff.GetAsync($"/programs/{programId}/badge");
        var parser = new HtmlParser();

        async Task<string> RefusedAsync(byte[] bytes, string fileName, string contentType)
        {
            var response = await BadgeFiles.UploadAsync(staff, page, programId, bytes, fileName, contentType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, html[..Math.Min(html.Length, 2000)]);
            var document = parser.ParseDocument(html);
            var input = document.QuerySelector("#badge-file")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Equal("badge-file-error", input.GetAttribute("aria-describedby"));
            return document.QuerySelector("#badge-file-error")!.TextContent.Trim();
        }

        var random = new byte[20_000];
        RandomNumberGenerator.Fill(random);
        random[0] = 0x42;
        Assert.StartsWith("This file is not a PNG image.", await RefusedAsync(random, "photo.png", "image/png"), StringComparison.Ordinal);
        Assert.StartsWith("This file is not a PNG image.", await RefusedAsync("I am a text file with a .png name.\n"u8.ToArray(), "badge.png", "image/png"), StringComparison.Ordinal);
        Assert.StartsWith("This file is not a PNG image.", await RefusedAsync([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8], "badge.jpg", "image/jpeg"), StringComparison.Ordinal);
        Assert.StartsWith("This file is not a PNG image.", await RefusedAsync(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "badge.svg", "image/svg+xml"), StringComparison.Ordinal);
        var png = BadgeFiles.Png(64, 64);
        Assert.StartsWith("This image is damaged or incomplete", await RefusedAsync(png[..(png.Length - 20)], "badge.png", "image/png"), StringComparison.Ordinal);
        var flipped = (byte[])png.Clone();
        flipped[50] ^= 0xFF;
        Assert.StartsWith("This image is damaged or incomplete", await RefusedAsync(flipped, "badge.png", "image/png"), StringComparison.Ordinal);
        Assert.StartsWith("Choose an image file", await RefusedAsync([], "empty.png", "image/png"), StringComparison.Ordinal);

        // Over 1 MB but within the request limit: refused on the field. Too many pixels: the same message.
        var big = new byte[BadgeUpload.MaxBytes + 10];
        png.CopyTo(big, 0);
        Assert.StartsWith("The image is too large.", await RefusedAsync(big, "big.png", "image/png"), StringComparison.Ordinal);
        Assert.StartsWith("The image is too large.", await RefusedAsync(BadgeFiles.Png(2049, 1), "wide.png", "image/png"), StringComparison.Ordinal);

        // 5 MB: over the request limit, refused before the page runs, with the plain page saying what a badge may be.
        var huge = new byte[5 * 1024 * 1024];
        png.CopyTo(huge, 0);
        var tooLarge = await BadgeFiles.UploadAsync(staff, page, programId, huge, "huge.png", "image/png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var error = parser.ParseDocument(await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal("The image is too large", error.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("at most 1 MB", error.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);

        // In Arabic the message is Arabic.
        var arabic = await staff.ChooseLanguageAsync(page, "ar");
        page = arabic;
        Assert.Equal("هذا الملف ليس صورة PNG. ارفع صورة PNG، أو اختر لونًا لشارة تُصنع من اسم البرنامج.", await RefusedAsync(random, "photo.png", "image/png"));

        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ProgramBadge>().CountAsync()));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Another_organizations_admin_can_neither_see_nor_change_the_badge(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var acme = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        var programId = Guid.NewGuid();
        await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            data.Programs.Add(new AchievementProgram { Id = programId, OrganizationId = acme.Id, Name = "Warehouse Basics", Description = "d", Criteria = "c", CreatedAt = DateTime.UtcNow });
            return await data.SaveChangesAsync();
        });
        var before = await app.Client().GetByteArrayAsync($"/orgs/acme/programs/{programId}/badge");

        var intruder = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, intruder, "admin@other.test");
        await intruder.GetAsync($"/programs/{programId}", HttpStatusCode.NotFound);
        await intruder.GetAsync($"/programs/{programId}/badge", HttpStatusCode.NotFound);

        var own = await intruder.GetAsync("/programs");
        var upload = await BadgeFiles.UploadAsync(intruder, own, programId, BadgeFiles.Png(10, 10), "badge.png", "image/png");
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var colour = await intruder.Client.PostAsync($"/programs/{programId}/badge?handler=colour", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("colour", "#000000")]));
        Assert.Equal(HttpStatusCode.NotFound, colour.StatusCode);

        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ProgramBadge>().CountAsync()));
        Assert.Equal(before, await app.Client().GetByteArrayAsync($"/orgs/acme/programs/{programId}/badge"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_baked_badge_from_the_wallet_unbakes_to_the_credential_it_holds_and_verifies_and_is_only_its_owners(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@badge.test");
        var held = await app.FirstCredentialJsonAsync();
        var program = await ProgramAsync(app);
        var address = $"/orgs/acme/programs/{program.Id}/badge";

        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "amina@badge.test");
        var wallet = await holder.GetAsync("/wallet");
        Assert.Equal(address, wallet.QuerySelector(".cards .badge-image")!.GetAttribute("src"));
        Assert.Equal("", wallet.QuerySelector(".cards .badge-image")!.GetAttribute("alt"));
        var page = await holder.GetAsync(wallet.QuerySelector(".cards h2 a")!.GetAttribute("href")!);
        Assert.Equal(address, page.QuerySelector("#badge-image")!.GetAttribute("src"));
        var download = page.QuerySelector("#download-badge")!.GetAttribute("href")!;

        // The generated badge: an SVG with the credential in openbadges:credential.
        var svg = await holder.Client.GetAsync(download);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", svg.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(held, BakedBadge.ExtractFromSvg(await svg.Content.ReadAsStringAsync(), 1024 * 1024).Value);

        // An uploaded PNG: the credential in an iTXt chunk, exactly as the wallet holds it, and it verifies as an image.
        var edit = await staff.GetAsync($"/programs/{program.Id}");
        var png = BadgeFiles.Png(90, 90, 20, 120, 60);
        Assert.Equal(HttpStatusCode.Redirect, (await BadgeFiles.UploadAsync(staff, edit, program.Id, png, "badge.png", "image/png")).StatusCode);
        var baked = await holder.Client.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, baked.StatusCode);
        Assert.Equal("image/png", baked.Content.Headers.ContentType!.MediaType);
        var bytes = await baked.Content.ReadAsByteArrayAsync();
        Assert.Equal(held, BakedBadge.ExtractFromPng(bytes, 1024 * 1024).Value);
        Assert.True(PngImage.Inspect(bytes, 4 * 1024 * 1024, 2048).IsSuccess);
        Assert.Equal(png[..^12], bytes[..(png.Length - 12)]);
        var result = await app.WithScopeAsync(s => s.GetRequiredService<DeploymentVerifier>().Verifier.VerifyAsync(bytes, TestContext.Current.CancellationToken));
        Assert.True(result.Verified, $"{result.FirstProblem?.Code} {result.FirstProblem?.Message}");

        // Share page and share card show the badge beside the credential.
        var share = await Journey.ShareAsync(holder);
        var employer = await new WebSession(app.Client()).GetAsync(share);
        Assert.Equal(address, employer.QuerySelector(".result-badge")!.GetAttribute("src"));
        var shareId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.AsNoTracking().Select(x => x.Id).SingleAsync());
        var card = await holder.GetAsync($"/sharing/{shareId}/card");
        Assert.Equal(address, card.QuerySelector(".card-titles .badge-image")!.GetAttribute("src"));

        // Another person's wallet: the same download is not found.
        var otherStaff = new WebSession(app.Client());
        await Journey.IssueAsync(app, otherStaff, "admin@acme.test", "Forklift Safety", "dawit@badge.test");
        var other = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, other, "dawit@badge.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(download)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Client().GetAsync(download)).StatusCode);
    }
}
