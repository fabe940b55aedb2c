using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md SD-14 (RFC 9901 §10 "Storage of User Data"): after an SD-JWT VC was verified on the Verify page and
/// through the API, neither the database files (with the write-ahead log) nor the logs hold the presented token, any of
/// its disclosures, the key-binding JWT or a disclosed value: only the answer was given.
/// </summary>
public sealed class VerificationLeavesNothingTests
{
    private const string ANumber = "A918273645";
    private const string DocumentNumber = "SD14-CANARY-DOC-7731";

    [Fact]
    public async Task Sd14_A_verified_sd_jwt_vc_leaves_no_token_or_disclosure_in_the_database_files()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        using var holder = KeyPair.Generate(KeyType.Ed25519);
        var now = DateTimeOffset.UtcNow;
        var issued = await app.WithScopeAsync(async s =>
        {
            var keys = s.GetRequiredService<OrganizationKeys>();
            var active = await keys.ActiveKeyAsync(org.Id);
            var identity = keys.Identity(org, active);
            using var key = keys.SigningKey(active);
            var claims = new WorkAuthorizationClaims
            {
                AuthorizedToWork = true,
                ValidUntil = DateOnly.FromDateTime(now.UtcDateTime.AddYears(1)),
                DocumentSeenAt = now.AddDays(-1),
                DocumentType = "EAD",
                Category = "C08",
                StatusCategory = "asylum_applicant",
                DocumentExpiry = DateOnly.FromDateTime(now.UtcDateTime.AddYears(1)),
                ANumber = ANumber,
                DocumentNumber = DocumentNumber,
            };
            return WorkAuthorizationCredential.Issue(claims, "openler.example", key, identity.Did, identity.VerificationMethod,
                holder.PublicKey, RandomNumberGenerator.Create(), now).Value.Compact;
        });

        // The holder discloses every detail the credential holds (the worst case for what could be kept), with a key-binding JWT.
        var everything = WorkAuthorizationCredential.Present(issued, holder, "nonce-sd14", "https://employer.example", now,
            WorkAuthorizationCredential.DisclosableClaims.Where(c => c != WorkAuthorizationCredential.NoExpiryClaim)).Value;
        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = everything });
        Assert.NotNull(page.QuerySelector("[data-verified=true]"));
        Assert.Contains(ANumber, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var api = JsonNode.Parse(await (await app.Client().PostAsync("/api/verify", new StringContent(everything))).Content.ReadAsStringAsync())!;
        Assert.True((bool)api["verified"]!, api.ToJsonString());

        string[] secrets = [everything, .. everything.Split('~').Where(p => p.Length > 0), .. issued.Split('~').Where(p => p.Length > 0), ANumber, DocumentNumber];
        var files = Directory.GetFiles(app.DataFolder, "openler.db*");
        Assert.Contains(files, f => f.EndsWith("openler.db-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            foreach (var secret in secrets)
            {
                // The token's parts are base64url text; a disclosed value could also be stored as UTF-16.
                Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a part of the presentation ({secret[..Math.Min(12, secret.Length)]}…)");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a part of the presentation in UTF-16");
            }
        }

        var logs = app.Logs.ToArray();
        Assert.NotEmpty(logs);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
