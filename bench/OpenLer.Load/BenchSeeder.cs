using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Load;

/// <summary>
/// Prepares a database for the load test: starts the app in-process once with the server's settings (migrations, demo
/// seed), gives the demo jobseeker three credentials of the demo organization, and writes share links with one, two and
/// three credentials (nothing else on them) to a file. The server under test is then started on the same database and key file.
/// </summary>
internal static class BenchSeeder
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Options(args);
        var file = options.Get("out") ?? throw new ArgumentException("--out FILE is required.");
        var settings = options.All("setting").Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => s[1]);
        settings["OpenLer:Demo"] = "true";
        UseServerContentRoot();
        await using var app = new SeedingApp(settings);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var amina = await services.GetRequiredService<People>().FindAsync(Contacts.Normalize(DemoData.JobseekerContacts[0])!)
            ?? throw new InvalidOperationException("The demo jobseeker is missing.");
        var org = await db.Organizations.SingleAsync(o => o.Slug == DemoData.OrganizationSlug);
        var client = await db.Clients.FirstAsync(c => c.OrganizationId == org.Id && c.JobseekerId == amina.Id);
        var program = await db.Programs.FirstAsync(p => p.OrganizationId == org.Id);
        var caseload = services.GetRequiredService<Caseload>();
        var issuer = services.GetRequiredService<CredentialIssuer>();
        var credentials = await db.Credentials.Where(c => c.JobseekerId == amina.Id && c.RevokedAt == null).OrderBy(c => c.IssuedAt).Select(c => c.Id).ToListAsync();
        for (var n = credentials.Count; n < 3; n++)
        {
            var enrollment = await caseload.EnrollAsync(org.Id, client.Id, program.Id, $"Load test {n}")
                ?? throw new InvalidOperationException("Enrollment refused.");
            await caseload.CompleteAsync(org.Id, enrollment.Id, "Completed (load test).", "B1");
            var issued = await issuer.IssueAsync(org.Id, enrollment.Id);
            credentials.Add(issued.IsSuccess ? issued.Value.Id : throw new InvalidOperationException(issued.Error.Message));
        }

        var shares = services.GetRequiredService<ShareService>();
        var lines = new List<string>();
        for (var count = 1; count <= 3; count++)
        {
            var share = await shares.CreateAsync(amina.Id, new ShareChoice([.. credentials.Take(count)], null, [], [], ShareService.MaxDays, $"Load test {count}"));
            lines.Add("/s/" + (share.IsSuccess ? share.Value.Token : throw new InvalidOperationException(share.Error.Message)));
        }

        await File.WriteAllLinesAsync(file, lines);
        output.WriteLine($"Share links with 1, 2 and 3 credentials written to {file}.");
        return 0;
    }

    /// <summary>The app's content root is its project folder (strings, pages); found above this tool's output folder.</summary>
    private static void UseServerContentRoot()
    {
        const string Variable = "ASPNETCORE_TEST_CONTENTROOT_OPENLER_SERVER";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null && Environment.GetEnvironmentVariable(Variable) is null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "OpenLer.Server");
            if (File.Exists(Path.Combine(candidate, "OpenLer.Server.csproj")))
            {
                Environment.SetEnvironmentVariable(Variable, candidate);
            }
        }
    }

    private sealed class SeedingApp(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
