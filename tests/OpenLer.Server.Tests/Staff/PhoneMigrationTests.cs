using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Staff;

/// <summary>Issue 11 (phones): rows stored before E.164 are re-stored at start-up, so the number signs in however it is typed.</summary>
public sealed class PhoneMigrationTests
{
    [Fact]
    public async Task A_phone_stored_in_a_local_format_is_re_stored_in_e164_at_start_up_and_then_signs_in()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");

        // Rows as an older version could have written them: the local format, encrypted, indexed as typed.
        var (jobseekerId, clientId) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var jobseeker = s.GetRequiredService<People>().Create(new Contact("520-555-0142", ContactKinds.Phone), "Old Row", "en", org.Id);
            var client = new Client { Id = Guid.NewGuid(), OrganizationId = org.Id, JobseekerId = jobseeker.Id, SiteId = await db.Sites.Select(x => x.Id).FirstAsync() };
            var records = s.GetRequiredService<CaseRecords>();
            records.SetClient(client, "Old Row", "(520) 555-0142");
            client.ContactIndex = records.ClientContactIndex(org.Id, "(520) 555-0142");
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            return (jobseeker.Id, client.Id);
        });

        await app.WithScopeAsync(async s =>
        {
            foreach (var step in s.GetServices<IStartupStep>().Where(x => x is PhoneRenormalization or ClientPhoneRenormalization).OrderBy(x => x.Order))
            {
                await step.RunAsync(default);
            }

            return 0;
        });

        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var people = s.GetRequiredService<People>();
            var records = s.GetRequiredService<CaseRecords>();
            var jobseeker = await db.Jobseekers.AsNoTracking().SingleAsync(j => j.Id == jobseekerId);
            Assert.Equal("+15205550142", people.ContactOf(jobseeker)!.Value);
            Assert.Equal(people.ContactIndex(new Contact("+15205550142", ContactKinds.Phone)), jobseeker.ContactIndex);
            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
            Assert.Equal("+15205550142", records.ClientContact(client));
            Assert.Equal(records.ClientContactIndex(org.Id, "+15205550142"), client.ContactIndex);
            Assert.Equal("Old Row", records.ClientName(client));
            return 0;
        });

        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "520.555.0142");
        Assert.Equal("/wallet", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
