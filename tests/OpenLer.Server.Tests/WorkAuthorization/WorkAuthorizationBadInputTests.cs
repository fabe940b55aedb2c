using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.WorkAuthorization.WorkAuthorizationSteps;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>
/// Bad input for issue 10, each with a clear message and nothing stored half-way: impossible dates, an expired document,
/// an unknown category, malformed numbers, a share with no facts chosen, a tampered disclosure; and a viewer cannot reveal.
/// </summary>
public sealed class WorkAuthorizationBadInputTests
{
    private const string Person = "nadia@bad.test";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "validUntil", "2027-02-30", "validUntil", "This date does not exist" },
        { "validUntil", "2026-13-01", "validUntil", "This date does not exist" },
        { "validUntil", "30/06/2027", "validUntil", "year-month-day" },
        { "seenOn", "2025-02-29", "seenOn", "This date does not exist" },
        { "validUntil", "2020-06-30", "validUntil", "This document expired on" },
        { "eadCategory", "C13", "eadCategory", "not in the list of the USCIS Form I-765 instructions" },
        { "eadCategory", "B7", "eadCategory", "the letter A or C and a number" },
        { "aNumber", "246813579", "aNumber", "the letter A and 7 to 9 digits" },
        { "documentNumber", "SRC!123", "documentNumber", "6 to 20 letters and digits" },
        { "showsAuthorization", "false", "showsAuthorization", "Record only a document that shows the person may work" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_field_gets_a_plain_message_and_nothing_is_stored(string field, string value, string errorField, string message)
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        var page = await ConsentAsync(staff, issued.ClientPath);
        var auditBefore = await Count<AuditRecord>(app);

        var document = Ead();
        document[field] = value;
        page = await staff.SubmitAsync(page, "#record-form", document);
        Assert.NotNull(page.QuerySelector("#wa-problem"));
        var error = page.QuerySelector($"#{errorField}-error");
        Assert.True(error is not null, page.QuerySelector("#record-form")!.TextContent);
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        if (page.QuerySelector($"input#{errorField}") is { } input)
        {
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Equal($"{errorField}-error", input.GetAttribute("aria-describedby"));
        }

        Assert.Equal(0, await Count<WorkAuthorizationRecord>(app));
        Assert.Equal(auditBefore, await Count<AuditRecord>(app));
    }

    [Fact]
    public async Task Several_problems_are_all_reported_at_once_and_a_good_form_then_records()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        var page = await ConsentAsync(staff, issued.ClientPath);
        page = await staff.SubmitAsync(page, "#record-form", new Dictionary<string, string> { ["validUntil"] = "2027-02-31", ["noExpiry"] = "true", ["seenOn"] = "" });
        foreach (var id in new[] { "statusCategory-error", "documentType-error", "validUntil-error", "seenOn-error", "showsAuthorization-error" })
        {
            Assert.NotNull(page.QuerySelector("#" + id));
        }

        Assert.Equal(0, await Count<WorkAuthorizationRecord>(app));
        var missingDate = Ead(validUntil: "");
        missingDate["noExpiry"] = "false";
        page = await staff.SubmitAsync(page, "#record-form", missingDate);
        Assert.NotNull(page.QuerySelector("#validUntil-error"));
        var noExpiry = Ead(validUntil: "");
        noExpiry["noExpiry"] = "true";
        noExpiry["documentType"] = "I-551";
        noExpiry["eadCategory"] = "";
        page = await staff.SubmitAsync(page, "#record-form", noExpiry);
        Assert.NotNull(page.QuerySelector("#hidden-facts"));
        Assert.Equal(1, await Count<WorkAuthorizationRecord>(app));
    }

    [Fact]
    public async Task No_record_without_consent_and_a_viewer_cannot_reveal()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "viewer@acme.test", OpenLer.Server.Infrastructure.AppClaims.ViewerRole, "acme site");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);

        // Posting the record form without consent stores nothing.
        var page = await staff.GetAsync(PageOf(issued.ClientPath));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = Ead().Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).Append(new("__RequestVerificationToken", token));
        var posted = await staff.Client.PostAsync(PageOf(issued.ClientPath) + "?handler=Record", new FormUrlEncodedContent(values));
        Assert.Contains("Record the person", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Count<WorkAuthorizationRecord>(app));

        await RecordAndIssueAsync(staff, issued.ClientPath);
        var viewer = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, viewer, "viewer@acme.test");
        var clientId = issued.ClientPath[(issued.ClientPath.LastIndexOf('/') + 1)..];
        await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var client = await d.Clients.SingleAsync(c => c.Id == Guid.Parse(clientId));
            client.SiteId = await d.Sites.Select(x => x.Id).FirstAsync();
            return await d.SaveChangesAsync();
        });
        var viewerPage = await viewer.GetAsync(PageOf(issued.ClientPath));
        Assert.Null(viewerPage.QuerySelector("#show-form"));
        var viewerToken = viewerPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var reveal = await viewer.Client.PostAsync(PageOf(issued.ClientPath) + "?handler=Show", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", viewerToken), new("reason", "person-asked")]));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, reveal.StatusCode);
        Assert.DoesNotContain(ANumber, await reveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AnyAsync(r => r.Action == AuditActions.ProtectedReveal && r.Detail == "person-asked")));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_share_with_no_facts_and_a_tampered_disclosure_are_refused_clearly(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        await RecordAndIssueAsync(staff, issued.ClientPath);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        var cardId = CardId(wallet).ToString();

        // The work authorization ticked, no fact chosen: a clear message, and no link is made.
        var sharing = await holder.GetAsync("/sharing");
        var page = await holder.SubmitAsync(sharing, "#choose-form", new Dictionary<string, string> { ["workAuthorizationId"] = cardId, ["facts"] = "" });
        Assert.Contains("Choose at least one fact of your work authorization", page.QuerySelector("#share-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#share-preview"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var direct = await holder.Client.PostAsync("/sharing?handler=Create", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("workAuthorizationId", cardId), new("days", "30")]));
        Assert.Contains("Choose at least one fact", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await holder.Client.PostAsync("/sharing?handler=Create", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("workAuthorizationId", cardId), new("facts", "iss"), new("days", "30")]));
        Assert.Contains("not part of your work authorization", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var nothing = await holder.Client.PostAsync("/sharing?handler=Create", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("days", "30")]));
        Assert.Contains("Choose at least one thing to share", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Count<Share>(app));

        // A link whose stored presentation is tampered with (a disclosure's value changed): the employer is told, no fact shown.
        var link = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["workAuthorizationId"] = cardId });
        var tampered = await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var item = await d.ShareItems.SingleAsync(i => i.Kind == ShareItemKinds.WorkAuthorization);
            var presentation = s.GetRequiredService<ShareService>().Presentation(item)!;
            var parts = presentation.Split('~');
            for (var i = 1; i < parts.Length - 1; i++)
            {
                var disclosure = System.Text.Encoding.UTF8.GetString(OpenLer.Credentials.Encodings.Base64Url.Decode(parts[i]).Value);
                if (disclosure.Contains("authorized_to_work", StringComparison.Ordinal))
                {
                    parts[i] = OpenLer.Credentials.Encodings.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(disclosure.Replace("true", "false", StringComparison.Ordinal)));
                }
            }

            var changed = string.Join('~', parts);
            item.PresentationCipher = s.GetRequiredService<FieldProtector>().Protect(changed, ShareService.PresentationWhere(item));
            await d.SaveChangesAsync();
            return changed;
        });
        var open = await new WebSession(app.Client()).GetAsync(link);
        var section = open.QuerySelector(".work-authorization")!;
        Assert.NotNull(section.QuerySelector("[data-verified=false]"));
        Assert.Contains("changed or added", section.TextContent, StringComparison.Ordinal);
        Assert.Null(section.QuerySelector("dl.facts"));

        // The Verify page says the same of the tampered presentation.
        var visitor = new WebSession(app.Client());
        var verify = await visitor.GetAsync("/verify");
        var result = await visitor.SubmitAsync(verify, "main form", new Dictionary<string, string> { ["credential"] = tampered });
        Assert.NotNull(result.QuerySelector("[data-verified=false]"));
    }

    private static Task<int> Count<T>(OpenLerFactory app)
        where T : class => app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<T>().CountAsync());
}
