using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.WorkAuthorization.WorkAuthorizationSteps;

namespace OpenLer.Server.Tests.WorkAuthorization;

/// <summary>
/// SECURITY.md DR-04 on SQLite and PostgreSQL: <c>protection rotate</c> stopped part-way leaves everything readable and,
/// run again, resumes (no second rotation) and completes; afterwards no value refers to a retired key; every column that
/// holds field ciphertext is registered for rotation (nothing forgotten).
/// </summary>
public sealed class KeyRotationTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_stopped_rotation_resumes_and_leaves_no_value_under_a_retired_key(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "rotate@keys.test");
        await RecordAndIssueAsync(staff, issued.ClientPath);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, "rotate@keys.test");
        await holder.SubmitAsync(wallet, "form:not([action])", new Dictionary<string, string> { ["kind"] = "work", ["description"] = "Baker, 4 years" });
        var link = await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["workAuthorizationId"] = CardId(wallet).ToString() });

        // Stopped after two small batches: some values moved to the new keys, the rest still under the retired ones.
        var partial = await app.WithScopeAsync(s => s.GetRequiredService<KeyRotation>().RunAsync(null, batch: 2, maxBatches: 2));
        Assert.True(partial.Started >= 2, $"{partial.Started} scopes rotated");
        Assert.True(partial.Reencrypted > 0 && partial.Remaining > 0, partial.ToString());
        await AssertReadableAsync(app, staff, holder, issued.ClientPath, link);

        // Run again (the command): it resumes, starts no second rotation, and completes.
        var output = new StringWriter();
        var exit = await app.WithScopeAsync(s => new ProtectionRotateCommand().RunAsync([], s, output, default));
        Assert.True(exit == 0, output.ToString());
        Assert.Contains(" 0 new key(s)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 left under retired keys", output.ToString(), StringComparison.Ordinal);

        await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            var retired = await d.Set<DataKey>().Where(k => k.Purpose == DataKeyPurpose.Encryption && k.RetiredAt != null).ToListAsync();
            Assert.True(retired.Count >= 2);
            Assert.All(retired, k => Assert.NotNull(k.DrainedAt));
            foreach (var key in retired)
            {
                foreach (var column in s.GetRequiredService<IEnumerable<IProtectedColumn>>())
                {
                    Assert.Equal(0, await column.CountAsync(d, FieldProtector.KeyPrefix(key.Id), default));
                }
            }

            Assert.Contains(await d.Set<AuditRecord>().Select(r => r.Action).ToListAsync(), a => a == AuditActions.DataKeysRotated);
            return 0;
        });
        await AssertReadableAsync(app, staff, holder, issued.ClientPath, link);

        // --resume with nothing left: no new key, nothing re-encrypted.
        output = new StringWriter();
        Assert.Equal(0, await app.WithScopeAsync(s => new ProtectionRotateCommand().RunAsync(["--resume"], s, output, default)));
        Assert.Contains("0 new key(s), 0 value(s) re-encrypted", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithScopeAsync(s => new ProtectionRotateCommand().RunAsync(["--organization", "nope"], s, new StringWriter(), default)));
    }

    [Fact]
    public void Every_column_holding_field_ciphertext_is_registered_for_rotation()
    {
        using var app = new OpenLerFactory();
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var registered = scope.ServiceProvider.GetRequiredService<IEnumerable<IProtectedColumn>>().Select(c => (c.Entity, c.Property)).ToHashSet();
        var cipherColumns = model.GetEntityTypes().SelectMany(t => t.GetProperties().Where(p => p.Name.EndsWith("Cipher", StringComparison.Ordinal)).Select(p => (t.ClrType, p.Name))).ToList();
        Assert.True(cipherColumns.Count >= 19, $"only {cipherColumns.Count} encrypted columns found");
        var missing = cipherColumns.Where(c => !registered.Contains(c)).Select(c => c.ClrType.Name + "." + c.Name).ToList();
        Assert.True(missing.Count == 0, "not registered for rotation: " + string.Join(", ", missing));
    }

    /// <summary>Staff see the client and reveal the record; the holder's wallet and the employer's link still verify.</summary>
    private static async Task AssertReadableAsync(OpenLerFactory app, WebSession staff, WebSession holder, string clientPath, string link)
    {
        var client = await staff.GetAsync(clientPath);
        Assert.Contains("Amina Yusuf", client.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var page = await staff.GetAsync(PageOf(clientPath));
        page = await staff.SubmitAsync(page, "#show-form", new Dictionary<string, string> { ["reason"] = "check-with-person" });
        Assert.Contains(ANumber, page.QuerySelector("#revealed-facts")!.TextContent, StringComparison.Ordinal);
        var wallet = await holder.GetAsync("/wallet");
        Assert.Contains("Baker, 4 years", wallet.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var open = await new WebSession(app.Client()).GetAsync(link);
        Assert.Equal(2, open.QuerySelectorAll("[data-verified=true]").Length);
        Assert.Contains("Desert Logistics", (await holder.GetAsync("/sharing")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
