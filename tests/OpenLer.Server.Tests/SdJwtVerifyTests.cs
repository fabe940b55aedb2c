using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>
/// The Verify page takes an SD-JWT VC: a work-authorization credential from an organization of this deployment,
/// presented with only the default claims, verifies and shows what was disclosed and nothing else; no SD-JWT,
/// disclosure or hidden value reaches a log.
/// </summary>
public sealed class SdJwtVerifyTests
{
    private const string ANumber = "A987654321";
    private const string DocumentNumber = "CANARY-DOC-55501";

    [Fact]
    public async Task Work_authorization_presentation_verifies_shows_only_what_was_disclosed_and_is_never_logged()
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
                ANumber = ANumber,
                DocumentNumber = DocumentNumber,
            };
            return WorkAuthorizationCredential.Issue(claims, "openler.example", key, identity.Did, identity.VerificationMethod,
                holder.PublicKey, RandomNumberGenerator.Create(), now).Value.Compact;
        });
        var presentation = WorkAuthorizationCredential.Present(issued, holder, "nonce-1", "https://employer.example", now).Value;

        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = presentation });
        Assert.True(page.QuerySelector("[data-verified=true]") is not null, page.Body!.TextContent);
        var text = page.Body!.TextContent;
        var facts = page.QuerySelector("dl.facts")!;
        var shown = facts.QuerySelectorAll("dt").Select(dt => (dt.TextContent.Trim(), dt.NextElementSibling!.TextContent.Trim())).ToList();
        Assert.Contains(("Authorized to work", "Yes"), shown);
        Assert.Contains(shown, s => s.Item1 == "Valid until" && s.Item2.Contains(now.UtcDateTime.AddYears(1).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(shown, s => s.Item1 == "Evidence" && s.Item2 == WorkAuthorizationCredential.EvidenceStatement);
        Assert.DoesNotContain(shown, s => s.Item1 is "A-number" or "Document number" or "Category" or "Document type");
        Assert.DoesNotContain(ANumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DocumentNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("C08", text, StringComparison.Ordinal);

        // The same credential with one byte of the issuer's signature changed is not genuine.
        var parts = presentation.Split('~');
        var jws = parts[0];
        var tampered = jws[..^2] + (jws[^2] == 'A' ? 'B' : 'A') + jws[^1] + presentation[jws.Length..];
        page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = tampered });
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));

        var logs = app.Logs.ToArray();
        string[] secrets = [issued, presentation, .. issued.Split('~').Where(p => p.Length > 0), ANumber, DocumentNumber];
        foreach (var secret in secrets)
        {
            var leak = logs.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A log line holds an SD-JWT, a disclosure or a hidden value: {leak}");
        }
    }
}
