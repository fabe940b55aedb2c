using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.WorkAuthorization.WorkAuthorizationSteps;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>
/// Issue 10 end to end, on SQLite and PostgreSQL: consent first; the record hidden until a reason is given (the reveal
/// audited, one page view only); preview and issue; the wallet's card; a link with the default facts and one with the
/// A-number, each employer seeing only what was chosen; a key-binding JWT made for one link refused on another; revocation.
/// </summary>
public sealed class WorkAuthorizationJourneyTests
{
    private const string Person = "amina@wa.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Record_reveal_issue_share_and_the_employer_sees_only_what_was_chosen(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);

        // Consent comes first: no record form before it; the text is shown in the language picked, and the answer is kept.
        var page = await staff.GetAsync(PageOf(issued.ClientPath) + "?consentLanguage=es");
        Assert.Null(page.QuerySelector("#record-form"));
        Assert.Equal("es", page.QuerySelector("#consent-text")!.GetAttribute("lang"));
        Assert.Contains("consentimiento", page.QuerySelector("#consent-text")!.TextContent, StringComparison.OrdinalIgnoreCase);
        page = await staff.SubmitAsync(page, "#consent-form", new Dictionary<string, string> { ["agreed"] = "true" });
        var consent = await Query(app, d => d.Set<ProtectedDataConsent>().SingleAsync());
        Assert.Equal("es", consent.Language);
        Assert.Equal(Consents.TextVersion, consent.TextVersion);
        Assert.Equal(ConsentScopes.WorkAuthorization, consent.Scope);
        Assert.Equal(ConsentPurposes.IssueCredential, consent.Purpose);
        Assert.False(string.IsNullOrEmpty(consent.RecordedBy));

        // Record: the page shows nothing of what was typed.
        page = await staff.SubmitAsync(page, "#record-form", Ead(aNumber: "a-246 813 579"));
        Assert.NotNull(page.QuerySelector("#hidden-facts"));
        foreach (var secret in new[] { ANumber, DocumentNumber, "246813579", "A05" })
        {
            Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        var record = await Query(app, d => d.Set<WorkAuthorizationRecord>().SingleAsync());
        Assert.Equal(1, record.Version);
        Assert.All(WorkAuthorizationRecords.Columns, c => Assert.StartsWith("p1.", (string?)typeof(WorkAuthorizationRecord).GetProperty(c.Property)!.GetValue(record), StringComparison.Ordinal));

        // "Show" needs a reason, shows the details for this page view only, and is audited with the reason.
        var noReason = await staff.SubmitAsync(page, "#show-form", new Dictionary<string, string> { ["reason"] = "" });
        Assert.NotNull(noReason.QuerySelector("#wa-problem"));
        Assert.DoesNotContain(ANumber, noReason.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var shown = await staff.SubmitAsync(page, "#show-form", new Dictionary<string, string> { ["reason"] = "employment-form" });
        var revealed = shown.QuerySelector("#revealed-facts")!.TextContent;
        Assert.Contains(ANumber, revealed, StringComparison.Ordinal);
        Assert.Contains(DocumentNumber, revealed, StringComparison.Ordinal);
        Assert.Contains("A05", revealed, StringComparison.Ordinal);
        Assert.Contains("no-store", staff.Last!.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var reveal = await Query(app, d => d.Set<AuditRecord>().SingleAsync(r => r.Action == AuditActions.ProtectedReveal));
        Assert.Equal((AuditActors.Staff, "work-authorization", record.Id.ToString("D"), "employment-form"), (reveal.ActorKind, reveal.TargetKind!, reveal.TargetId!, reveal.Detail!));
        page = await staff.GetAsync(PageOf(issued.ClientPath));
        Assert.DoesNotContain(ANumber, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // A-number lookup through the blind index (posted, never in a URL).
        var lookup = await staff.SubmitAsync(await staff.GetAsync("/work-authorization"), "#lookup-form", new Dictionary<string, string> { ["aNumber"] = "A 246-813-579" });
        Assert.Single(lookup.QuerySelectorAll("#matches li"));
        var none = await staff.SubmitAsync(await staff.GetAsync("/work-authorization"), "#lookup-form", new Dictionary<string, string> { ["aNumber"] = "A123456789" });
        Assert.NotNull(none.QuerySelector("#no-match"));

        // The caseworker sees exactly what will be issued, then issues.
        var preview = await staff.SubmitAsync(page, "form[action*=Preview]", new Dictionary<string, string>());
        var previewText = preview.QuerySelector("#preview")!.TextContent;
        foreach (var expected in new[] { ANumber, DocumentNumber, "A05", "Asylee", "Yes", WorkAuthorizationCredential.EvidenceStatement })
        {
            Assert.Contains(expected, previewText, StringComparison.Ordinal);
        }

        page = await staff.SubmitAsync(preview, "#issue-form", new Dictionary<string, string>());
        Assert.Single(page.QuerySelectorAll(".credential-row .verified"));
        var credential = await Query(app, d => d.Set<IssuedWorkAuthorization>().SingleAsync());
        Assert.StartsWith("p1.", credential.SdJwtCipher, StringComparison.Ordinal);
        Assert.True(await Query(app, d => d.Set<TokenStatusEntry>().AnyAsync(e => e.CredentialId == credential.Id)));

        // The person's wallet: the card, what each fact means, sensitive facts hidden until they press Show.
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        var cardId = CardId(wallet);
        Assert.Equal(credential.Id, cardId);
        var card = await holder.GetAsync($"/wallet/work-authorization/{cardId}");
        Assert.Contains("You may work in the U.S.", card.QuerySelector("#wa-facts")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ANumber, card.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var cardShown = await holder.SubmitAsync(card, "#show-form", new Dictionary<string, string>());
        Assert.Contains(ANumber, cardShown.QuerySelector("#wa-facts")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Query(app, d => d.Set<AuditRecord>().AnyAsync(r => r.Action == AuditActions.ProtectedReveal && r.ActorKind == AuditActors.Jobseeker)));

        // A link with the default facts: the employer sees "authorized to work" and "valid until", verified, nothing else.
        var waFields = new Dictionary<string, string> { ["workAuthorizationId"] = cardId.ToString() };
        var defaultLink = await Journey.ShareAsync(holder, fields: waFields);
        var employer = new WebSession(app.Client());
        var open = await employer.GetAsync(defaultLink);
        Assert.NotNull(open.QuerySelector(".work-authorization [data-verified=true]"));
        var facts = EmployerFacts(open);
        Assert.Contains(("Authorized to work", "Yes"), facts);
        Assert.Contains(facts, f => f.Label == "Valid until" && f.Value.Contains(DateTime.UtcNow.AddYears(1).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(facts, f => f.Label is "A-number" or "Document number" or "Category" or "Status category" or "Document type");
        foreach (var hidden in new[] { ANumber, DocumentNumber, "A05", "Asylee", "asylee", "I-766" })
        {
            Assert.DoesNotContain(hidden, open.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // A link with the A-number as well: the employer sees it, and still not the document number or category.
        var withANumber = await Journey.ShareAsync(holder, fields: new Dictionary<string, string>
        {
            ["workAuthorizationId"] = cardId.ToString(),
            ["facts"] = "authorized_to_work\u001fvalid_until\u001fa_number",
        });
        open = await employer.GetAsync(withANumber);
        Assert.NotNull(open.QuerySelector(".work-authorization [data-verified=true]"));
        facts = EmployerFacts(open);
        Assert.Contains(("A-number", ANumber), facts);
        Assert.DoesNotContain(facts, f => f.Label is "Document number" or "Category" or "Status category");
        Assert.DoesNotContain(DocumentNumber, open.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A key-binding JWT made for one link fails on another: the A-number link's presentation replayed on the default link.
        var (defaultItem, aNumberItem) = await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var items = await d.ShareItems.Where(i => i.Kind == ShareItemKinds.WorkAuthorization).Join(d.Shares, i => i.ShareId, sh => sh.Id, (i, sh) => new { i, sh.CreatedAt })
                .OrderBy(x => x.CreatedAt).Select(x => x.i).ToListAsync();
            return (items[0], items[1]);
        });
        var replayed = await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var sharesService = s.GetRequiredService<ShareService>();
            var presentation = sharesService.Presentation(aNumberItem)!;
            var target = await d.ShareItems.SingleAsync(i => i.Id == defaultItem.Id);
            target.PresentationCipher = s.GetRequiredService<FieldProtector>().Protect(presentation, ShareService.PresentationWhere(target));
            await d.SaveChangesAsync();

            // The same presentation verifies for its own link and fails for the other (nonce and audience of that link).
            var verifier = s.GetRequiredService<DeploymentVerifier>();
            var own = await d.Shares.SingleAsync(sh => sh.Id == aNumberItem.ShareId);
            var other = await d.Shares.SingleAsync(sh => sh.Id == defaultItem.ShareId);
            Assert.True((await verifier.VerifyAsync(presentation, sharesService.KeyBinding(own))).Verified);
            return await verifier.VerifyAsync(presentation, sharesService.KeyBinding(other));
        });
        Assert.False(replayed.Verified);
        Assert.Equal(Credentials.Common.CheckNames.HolderBinding, replayed.FirstProblem!.Name);
        open = await employer.GetAsync(defaultLink);
        Assert.NotNull(open.QuerySelector(".work-authorization [data-verified=false]"));
        Assert.Contains("not presented for this link", open.QuerySelector(".work-authorization")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ANumber, open.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Revoked by the caseworker: the Token Status List is re-signed and the employer sees it at once.
        page = await staff.GetAsync(PageOf(issued.ClientPath));
        await staff.SubmitAsync(page, ".credential-row form[action*=Revoke]", new Dictionary<string, string>());
        open = await employer.GetAsync(withANumber);
        Assert.NotNull(open.QuerySelector(".work-authorization [data-verified=false]"));
        Assert.Contains("revoked", open.QuerySelector(".work-authorization")!.TextContent, StringComparison.OrdinalIgnoreCase);

        var actions = await Query(app, d => d.Set<AuditRecord>().Select(r => r.Action).ToListAsync());
        foreach (var action in new[] { AuditActions.ConsentRecorded, AuditActions.ProtectedRecorded, AuditActions.ProtectedReveal, AuditActions.ProtectedLookup,
                     AuditActions.CredentialIssued, AuditActions.ShareCreated, AuditActions.CredentialRevoked })
        {
            Assert.Contains(action, actions);
        }

        Assert.True(await Query(app, async d => (await d.Set<AuditRecord>().ToListAsync()).All(r => !(r.Detail ?? "").Contains(ANumber, StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_new_document_reissues_and_revokes_the_old_credential(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Person);
        var page = await RecordAndIssueAsync(staff, issued.ClientPath);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, Person);
        var oldLink = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["workAuthorizationId"] = CardId(wallet).ToString() });

        // The document changes: the page says the wallet's credential is out of date; issuing again revokes the old one.
        page = await staff.SubmitAsync(page, "#record-form", Ead(validUntil: DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), category: "C08"));
        Assert.Contains("from the previous document", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".credential-row .notice"));

        // An issue form from an earlier preview no longer matches the record.
        var stale = await app.WithScopeAsync(s => s.GetRequiredService<WorkAuthorizationIssuer>().IssueAsync(
            s.GetRequiredService<AppDbContext>().Organizations.Single().Id, s.GetRequiredService<AppDbContext>().Clients.Single().Id, 1));
        Assert.Equal("CHANGED", stale.Error!.Code);

        await IssueAsync(staff, page);
        var credentials = await Query(app, d => d.Set<IssuedWorkAuthorization>().OrderBy(c => c.IssuedAt).ToListAsync());
        Assert.Equal(2, credentials.Count);
        Assert.Equal(RevocationReasons.Replaced, credentials[0].RevocationReason);
        Assert.Null(credentials[1].RevokedAt);
        Assert.Equal(2, credentials[1].RecordVersion);
        var open = await new WebSession(app.Client()).GetAsync(oldLink);
        Assert.Contains("revoked", open.QuerySelector(".work-authorization")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // The new credential says C08 and expires two years on (exp = the day after valid until).
        var sdJwt = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<WorkAuthorizationIssuer>().SdJwt(credentials[1])!));
        var claims = WorkAuthorizationCredential.Claims(sdJwt).Value;
        Assert.Equal("C08", (string?)claims["category"]);
        var validUntil = DateOnly.Parse((string)claims["valid_until"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(validUntil.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(), (long)claims["exp"]!);

        // The organization's token status list is served at its stable address and marks the old one.
        var uri = (string)claims["status"]!["status_list"]!["uri"]!;
        var token = await app.Client().GetAsync(new Uri(uri).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("application/statuslist+jwt", token.Content.Headers.ContentType!.MediaType);
    }

    private static Task<T> Query<T>(OpenLerFactory app, Func<AppDbContext, Task<T>> query) =>
        app.WithScopeAsync(s => query(s.GetRequiredService<AppDbContext>()));
}
