using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Tests.Support;
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
            await staff.SubmitAsync(client, "form[action*=Revoke]", new Dictionary<string, string> { ["reason"] = "Test revocation" });
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
