using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>
/// Issue 11, notifications: the person is told when a credential is issued to them and when a share link is opened for
/// the first time (once, however many times and however many instances open it), on their own contact, unless they
/// turned these messages off on their privacy page.
/// </summary>
public sealed class NotificationTests
{
    private const string Person = "notify.person@example.org";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Issue_and_first_open_are_told_once_and_turning_messages_off_stops_them(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);

        var issued = Assert.Single(app.Messages.All, m => m.Kind == "credential-issued");
        Assert.Equal(Person, issued.Contact);
        Assert.Equal("Warehouse Basics", issued.Code);
        Assert.False(string.IsNullOrEmpty(issued.Organization));

        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var link = await Journey.ShareAsync(holder);
        var log = app.Services.GetRequiredService<ShareOpenLog>();
        await log.FlushAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(app.Messages.All, m => m.Kind == "share-opened");

        // Three employers open it, in separate batches and together: one message, naming the link as the person did.
        await new WebSession(app.Client()).GetAsync(link);
        await log.FlushAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(new WebSession(app.Client()).GetAsync(link), new WebSession(app.Client()).GetAsync(link));
        await log.FlushAsync(TestContext.Current.CancellationToken);
        var opened = Assert.Single(app.Messages.All, m => m.Kind == "share-opened");
        Assert.Equal(Person, opened.Contact);
        Assert.Equal("Desert Logistics", opened.Code);

        // The person turns the messages off: a second credential and a new link that is opened send nothing.
        var privacy = await holder.GetAsync("/account/privacy");
        Assert.NotNull(privacy.QuerySelector("#notifications[checked]"));
        var saved = await holder.SubmitAsync(privacy, "#notices-form", new Dictionary<string, string> { ["notifications"] = "" });
        Assert.Null(saved.QuerySelector("#notifications[checked]"));
        Assert.Contains("We will not send you these messages", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Food Handler Safety", Person);
        var second = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["label"] = "Second employer" });
        await new WebSession(app.Client()).GetAsync(second);
        await log.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Single(app.Messages.All, m => m.Kind == "credential-issued");
        Assert.Single(app.Messages.All, m => m.Kind == "share-opened");

        // Turned back on, the next first open is told again.
        privacy = await holder.GetAsync("/account/privacy");
        await holder.SubmitAsync(privacy, "#notices-form", new Dictionary<string, string> { ["notifications"] = "true" });
        var third = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["label"] = "" });
        await new WebSession(app.Client()).GetAsync(third);
        await log.FlushAsync(TestContext.Current.CancellationToken);
        var messages = app.Messages.All.Where(m => m.Kind == "share-opened").ToList();
        Assert.Equal(2, messages.Count);

        // A link without a name is named by the day it was made.
        Assert.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), messages[1].Code, StringComparison.Ordinal);
    }
}
