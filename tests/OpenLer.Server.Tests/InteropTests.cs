using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>
/// A credential downloaded from the wallet verifies in the reference JS stack (tests/OpenLer.Interop.Tests/js: Digital
/// Bazaar vc + eddsa-rdfc-2022), both with a did:key issuer and with a did:web issuer (the document served by the app).
/// </summary>
public sealed class InteropTests
{
    private static readonly string ScriptDirectory = Path.Combine(SharedFolder.RepositoryRoot, "tests", "OpenLer.Interop.Tests", "js");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Downloaded_credential_verifies_in_the_reference_js_stack(bool didWeb)
    {
        var node = FindNode();
        if (node is null)
        {
            Requirements.Missing("node is not installed: this test needs Node.js 20+ (CI has it).");
        }

        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules")))
        {
            Requirements.Missing($"The reference JS packages are not installed: run `npm ci` in {ScriptDirectory} (.ci/run does).");
        }

        var settings = didWeb ? new Dictionary<string, string?> { ["OpenLer:PublicHost"] = "ler.example.org" } : null;
        using var app = new OpenLerFactory(Db.Sqlite, settings: settings);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var detail = wallet.QuerySelector(".cards .card a")!.GetAttribute("href")!;
        var json = await holder.Client.GetStringAsync(detail + "?handler=download");
        var credential = JsonNode.Parse(json)!.AsObject();

        // This deployment's own verifier agrees (did:web and status list answered from its database).
        var own = JsonNode.Parse(await (await app.Client().PostAsync("/api/verify", new StringContent(json))).Content.ReadAsStringAsync())!;
        Assert.True((bool)own["verified"]!, own.ToJsonString());

        var folder = Directory.CreateTempSubdirectory("openler-server-interop");
        try
        {
            var file = Path.Combine(folder.FullName, "credential.json");
            await File.WriteAllTextAsync(file, json);
            List<string> args = ["server-verify.mjs"];
            if (didWeb)
            {
                var issuer = (string)credential["issuer"]!["id"]!;
                Assert.Equal("did:web:ler.example.org:orgs:acme", issuer);
                var document = await app.Client().GetStringAsync("/orgs/acme/did.json");
                var didFile = Path.Combine(folder.FullName, "did.json");
                await File.WriteAllTextAsync(didFile, document);
                args.AddRange(["--did-web", issuer + "=" + didFile]);
            }
            else
            {
                Assert.StartsWith("did:key:z6Mk", (string)credential["issuer"]!["id"]!, StringComparison.Ordinal);
            }

            // The status list the app publishes, handed to the offline JS loader.
            var statusUrl = (string)credential["credentialStatus"]!["statusListCredential"]!;
            var listFile = Path.Combine(folder.FullName, "status.json");
            await File.WriteAllTextAsync(listFile, await app.Client().GetStringAsync(new Uri(statusUrl).AbsolutePath));
            args.AddRange(["--url", statusUrl + "=" + listFile, file]);
            var (exit, output, error) = await RunAsync(node, args);
            var line = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0])!;
            Assert.True((bool)line["verified"]!, $"JS verify said: {output} {error}");
            Assert.Equal(0, exit);

            // Revoked: the list is re-signed and the reference stack now refuses the credential.
            var client = await staff.GetAsync(issued.ClientPath);
            await Journey.RevokeAsync(staff, client, "Test revocation");
            await File.WriteAllTextAsync(listFile, await app.Client().GetStringAsync(new Uri(statusUrl).AbsolutePath));
            (exit, output, error) = await RunAsync(node, args);
            line = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0])!;
            Assert.False((bool)line["verified"]!, $"JS verify of a revoked credential said: {output} {error}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The SD-JWT VC plus key-binding JWT that a share link presents verifies with @sd-jwt/sd-jwt-vc (pinned in
    /// tests/OpenLer.Interop.Tests/js), with the link's nonce and the organization's Token Status List as the app serves it;
    /// only the chosen facts are disclosed; the nonce of another link fails; after revocation the status check fails.
    /// </summary>
    [Fact]
    public async Task Share_presentation_of_the_work_authorization_verifies_with_sd_jwt_vc()
    {
        var node = FindNode();
        if (node is null)
        {
            Requirements.Missing("node is not installed: this test needs Node.js 20+ (CI has it).");
        }

        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules")))
        {
            Requirements.Missing($"The reference JS packages are not installed: run `npm ci` in {ScriptDirectory} (.ci/run does).");
        }

        using var app = new OpenLerFactory(Db.Sqlite);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        await WorkAuthorization.WorkAuthorizationSteps.RecordAndIssueAsync(staff, issued.ClientPath);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var card = WorkAuthorization.WorkAuthorizationSteps.CardId(wallet).ToString();
        await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["workAuthorizationId"] = card });
        await Journey.ShareAsync(holder, fields: new Dictionary<string, string> { ["workAuthorizationId"] = card, ["facts"] = "authorized_to_work\u001fa_number" });
        var shares = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var service = s.GetRequiredService<ShareService>();
            var list = await db.Shares.Include(x => x.Items).OrderBy(x => x.CreatedAt).ToListAsync();
            return list.Select(x => (Presentation: service.Presentation(x.Items.Single(i => i.Kind == ShareItemKinds.WorkAuthorization))!, x.Nonce, Audience: service.Audience(x))).ToList();
        });

        var folder = Directory.CreateTempSubdirectory("openler-share-interop");
        try
        {
            var payload = shares[0].Presentation.Split('~')[0].Split('.')[1];
            var status = JsonNode.Parse(Credentials.Encodings.Base64Url.Decode(payload).Value)!["status"]!["status_list"]!;
            var uri = (string)status["uri"]!;
            var listFile = Path.Combine(folder.FullName, "status.jwt");
            await File.WriteAllTextAsync(listFile, await app.Client().GetStringAsync(new Uri(uri).AbsolutePath));
            var files = new List<string>();
            foreach (var (presentation, _, _) in shares)
            {
                files.Add(Path.Combine(folder.FullName, $"share-{files.Count}.sdjwt"));
                await File.WriteAllTextAsync(files[^1], presentation);
            }

            // Link 1 (default facts): verified by sd-jwt-vc with its nonce, its audience in the KB-JWT, only the chosen facts.
            var line = await SdJwtVerifyAsync(node, files[0], shares[0].Nonce, uri, listFile);
            Assert.True((bool)line["verified"]!, line.ToJsonString());
            Assert.Equal("dc+sd-jwt", (string?)line["typ"]);
            Assert.Equal(shares[0].Audience, (string?)line["kb"]!["aud"]);
            var claims = line["claims"]!.AsObject();
            Assert.True((bool)claims["authorized_to_work"]!);
            Assert.NotNull(claims["valid_until"]);
            Assert.Equal("document_seen_by_issuer", (string?)claims["evidence"]!["type"]);
            foreach (var hidden in new[] { "a_number", "document_number", "category", "status_category", "document_type", "document_seen_at" })
            {
                Assert.False(claims.ContainsKey(hidden), hidden);
            }

            // Link 2 (with the A-number) verifies with its own nonce; its presentation under link 1's nonce fails.
            line = await SdJwtVerifyAsync(node, files[1], shares[1].Nonce, uri, listFile);
            Assert.True((bool)line["verified"]!, line.ToJsonString());
            Assert.Equal(WorkAuthorization.WorkAuthorizationSteps.ANumber, (string?)line["claims"]!["a_number"]);
            Assert.False(line["claims"]!.AsObject().ContainsKey("valid_until"));
            var replayed = await SdJwtVerifyAsync(node, files[1], shares[0].Nonce, uri, listFile);
            Assert.False((bool)replayed["verified"]!, replayed.ToJsonString());

            // Revoked: the app re-signs its Token Status List and sd-jwt-vc refuses the credential.
            var page = await staff.GetAsync(WorkAuthorization.WorkAuthorizationSteps.PageOf(issued.ClientPath));
            await staff.SubmitAsync(page, ".credential-row form[action*=Revoke]", new Dictionary<string, string>());
            await File.WriteAllTextAsync(listFile, await app.Client().GetStringAsync(new Uri(uri).AbsolutePath));
            var revoked = await SdJwtVerifyAsync(node, files[0], shares[0].Nonce, uri, listFile);
            Assert.False((bool)revoked["verified"]!, revoked.ToJsonString());
            Assert.Contains("Status is not valid", revoked.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<JsonNode> SdJwtVerifyAsync(string node, string file, string nonce, string uri, string listFile)
    {
        var (_, output, error) = await RunAsync(node, ["interop.mjs", "sdjwt-verify", file, "--nonce", nonce, "--status-list", uri + "=" + listFile]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 0, "no output from interop.mjs: " + error);
        return JsonNode.Parse(lines[^1])!;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string node, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(node) { WorkingDirectory = ScriptDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);
}
