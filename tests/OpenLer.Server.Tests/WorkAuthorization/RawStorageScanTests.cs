using System.Diagnostics;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>
/// SECURITY.md DR-01 and DR-07 for a demo deployment: after the demo is seeded and a journey runs through it (a caseworker
/// reveals and previews Amina's work authorization, Amina shows her card and shares her A-number, document number and
/// self-reported work, an employer opens the link), the raw SQLite files (database, -wal, -shm) and a pg_dump of a
/// PostgreSQL deployment hold none of the demo's names, contacts, A-number, document number, evidence or self-reported
/// text, in UTF-8, UTF-16 or Base64; nor does any log line of the journey.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class RawStorageScanTests
{
    private const string JourneyLabel = "For Dana at the Des Moines plant";
    private const string JourneyEntry = "Night-shift cleaner at a Kabul hospital, 2 years";

    private static readonly Dictionary<string, string?> Demo = new() { ["OpenLer:Demo"] = "true", ["OpenLer:AllowInsecureCookies"] = "true" };

    /// <summary>What must never be stored or logged in clear: the demo's people, contacts and protected data, and the journey's words.</summary>
    private static readonly string[] Canaries =
    [
        "Amina Yusuf", "Farid Ahmadi", "Dawit Bekele", "Yusuf", "Ahmadi", "Bekele",
        "amina@example.org", "dawit@example.org", "+15205550142", "5205550142",
        WorkAuthorizationDemo.ANumber, WorkAuthorizationDemo.ANumber[1..], WorkAuthorizationDemo.DocumentNumber, "parolee",
        "Attended 23 of 24 sessions; mock interview passed.", "mock interview passed",
        DemoShare.SelfReportedText, "Nurse's aide for six years in Kabul", "Desert Logistics (demo)",
        JourneyLabel, JourneyEntry,
    ];

    [Fact]
    public async Task Sqlite_files_of_a_demo_deployment_hold_no_personal_or_protected_value()
    {
        using var app = new OpenLerFactory(Db.Sqlite, settings: Demo);
        _ = app.Services;

        // Write-ahead logging from here on, so the journey's writes land in -wal (and -shm) as well as in the database file.
        await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"));
        await RunJourneyAsync(app);

        var files = Directory.GetFiles(app.DataFolder, "openler.db*");
        Assert.Contains(files, f => f.EndsWith("openler.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("openler.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("openler.db-shm", StringComparison.Ordinal));
        foreach (var file in files)
        {
            AssertClean(Path.GetFileName(file), ReadShared(file));
        }

        AssertLogsClean(app);
    }

    [Fact]
    public async Task A_pg_dump_of_a_postgres_demo_deployment_holds_no_personal_or_protected_value()
    {
        OpenLerFactory.SkipUnlessAvailable(Db.Postgres);
        if (!File.Exists("/usr/bin/pg_dump") && FindOnPath("pg_dump") is null)
        {
            Requirements.Missing("pg_dump is not installed (apt-get install -y postgresql-client).");
        }

        using var app = new OpenLerFactory(Db.Postgres, settings: Demo);
        await RunJourneyAsync(app);
        var connection = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"]);
        var info = new ProcessStartInfo(FindOnPath("pg_dump") ?? "/usr/bin/pg_dump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, "--no-password", connection.Database! })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(info)!;
        using var dump = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(dump);
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        var bytes = dump.ToArray();
        Assert.True(bytes.Length > 10_000 && Encoding.UTF8.GetString(bytes).Contains("WorkAuthorizationRecords", StringComparison.Ordinal), "the dump is not of the app's database");
        AssertClean("pg_dump", bytes);
        AssertLogsClean(app);
    }

    /// <summary>The journey through the demo: the caseworker, Amina and an employer, each through the pages.</summary>
    private static async Task RunJourneyAsync(OpenLerFactory app)
    {
        // The organization admin of the demo signs in (demo mode shows the second step's code) and finds Amina.
        var staff = new WebSession(app.Client());
        var second = await staff.SubmitAsync(await staff.GetAsync("/account/staff-sign-in"), "main form",
            new Dictionary<string, string> { ["email"] = DemoData.AdminEmail, ["password"] = DemoData.Password });
        await staff.SubmitAsync(second, "main form", new Dictionary<string, string> { ["code"] = second.QuerySelector("#demo-code")!.TextContent.Trim() });
        var caseload = await staff.GetAsync("/issuance");
        var clientPath = caseload.QuerySelectorAll("table a").First(a => a.TextContent.Contains("Amina", StringComparison.Ordinal)).GetAttribute("href")!;
        var page = await staff.GetAsync(WorkAuthorizationSteps.PageOf(clientPath));
        Assert.NotNull(page.QuerySelector("#consent-recorded"));
        Assert.Single(page.QuerySelectorAll(".credential-row .verified"));
        page = await staff.SubmitAsync(page, "#show-form", new Dictionary<string, string> { ["reason"] = "check-with-person" });
        Assert.Contains(WorkAuthorizationDemo.ANumber, page.QuerySelector("#revealed-facts")!.TextContent, StringComparison.Ordinal);
        await staff.SubmitAsync(page, "form[action*=Preview]", new Dictionary<string, string>());

        // Amina signs in with the code the demo outbox shows, looks at her card and shares more than the defaults.
        var holder = new WebSession(app.Client());
        var codePage = await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = DemoData.JobseekerContacts[0] });
        var code = await DemoCodeAsync(holder, codePage);
        var wallet = await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        var cardId = WorkAuthorizationSteps.CardId(wallet);
        var card = await holder.GetAsync($"/wallet/work-authorization/{cardId}");
        await holder.SubmitAsync(card, "#show-form", new Dictionary<string, string>());
        wallet = await holder.GetAsync("/wallet");
        await holder.SubmitAsync(wallet, "form:not([action])", new Dictionary<string, string> { ["kind"] = "work", ["description"] = JourneyEntry });
        var link = await Journey.ShareAsync(holder, fields: new Dictionary<string, string>
        {
            ["workAuthorizationId"] = cardId.ToString(),
            ["facts"] = "authorized_to_work\u001fvalid_until\u001fa_number\u001fdocument_number\u001fstatus_category",
            ["label"] = JourneyLabel,
        });

        // The employer opens it: everything verified (Amina's two demo credentials, Job Readiness and the employers demo's
        // program, and her work authorization), the chosen facts shown.
        var open = await new WebSession(app.Client()).GetAsync(link);
        Assert.Equal(3, open.QuerySelectorAll("[data-verified=true]").Length);
        Assert.Contains(WorkAuthorizationDemo.DocumentNumber, open.QuerySelector(".work-authorization")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DemoShare.SelfReportedText, open.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The code demo mode shows on the code page once the outbox has it (delivery runs in the background).</summary>
    private static async Task<string> DemoCodeAsync(WebSession holder, IHtmlDocument page)
    {
        for (var i = 0; i < 100 && page.QuerySelector("#demo-code") is null; i++)
        {
            await Task.Delay(100);
            page = await holder.GetAsync("/account/code");
        }

        return page.QuerySelector("#demo-code")!.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim();
    }

    private static void AssertClean(string name, byte[] bytes)
    {
        foreach (var canary in Canaries)
        {
            foreach (var (form, needle) in Forms(canary))
            {
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{name} holds '{canary}' ({form})");
            }
        }
    }

    private static void AssertLogsClean(OpenLerFactory app)
    {
        var logs = app.Logs.ToArray();
        Assert.NotEmpty(logs);
        foreach (var canary in Canaries)
        {
            var leak = logs.FirstOrDefault(l => l.Contains(canary, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"A log line holds '{canary}': {leak}");
        }
    }

    /// <summary>
    /// The byte patterns a value takes when stored: UTF-8, UTF-16 (both byte orders) and Base64 (standard and URL-safe) at each
    /// of the three alignments (the characters fully determined by the value, so it is found inside a longer Base64 text).
    /// </summary>
    private static IEnumerable<(string Form, byte[] Needle)> Forms(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        yield return ("UTF-8", utf8);
        yield return ("UTF-16LE", Encoding.Unicode.GetBytes(value));
        yield return ("UTF-16BE", Encoding.BigEndianUnicode.GetBytes(value));
        for (var offset = 0; offset < 3; offset++)
        {
            var padded = new byte[offset + utf8.Length];
            utf8.CopyTo(padded, offset);
            var base64 = Convert.ToBase64String(padded);
            var first = (8 * offset + 5) / 6;
            var last = (8 * (offset + utf8.Length)) / 6;
            if (last - first < 6)
            {
                continue;
            }

            var core = base64[first..last];
            yield return ($"Base64 at offset {offset}", Encoding.ASCII.GetBytes(core));
            yield return ($"Base64url at offset {offset}", Encoding.ASCII.GetBytes(core.Replace('+', '-').Replace('/', '_')));
        }
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
