using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>An organization's issuer identity: its DID and the verification method its credentials name.</summary>
public sealed record IssuerIdentity(string Did, string VerificationMethod, PublicKey PublicKey);

/// <summary>
/// Creates organizations with an Ed25519 issuer key (private key encrypted with Data Protection) and tells each
/// organization's DID: did:web under the configured public host, else did:key.
/// </summary>
public sealed partial class OrganizationKeys(AppDbContext db, IDataProtectionProvider protection, IOptions<DeploymentOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("OpenLer.IssuerKeys.v1");

    public const string KeyFragment = "key-1";

    public async Task<Organization> CreateAsync(string name, string slug, IEnumerable<string> siteNames, CancellationToken cancellationToken = default)
    {
        if (!SlugPattern().IsMatch(slug))
        {
            throw new ArgumentException("A slug is 2-64 lowercase letters, digits and hyphens.", nameof(slug));
        }

        using var key = KeyPair.Generate(KeyType.Ed25519);
        var org = new Organization
        {
            Id = Guid.NewGuid(),
            Name = name,
            Slug = slug,
            PublicKeyMultibase = key.PublicKey.ToMultibase(),
            ProtectedPrivateKey = _protector.Protect(key.ExportPrivateMultibase()),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Organizations.Add(org);
        foreach (var site in siteNames)
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), OrganizationId = org.Id, Name = site });
        }

        await db.SaveChangesAsync(cancellationToken);
        return org;
    }

    public IssuerIdentity Identity(Organization org) => Identity(org, options.Value);

    public static IssuerIdentity Identity(Organization org, DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(options);
        var publicKey = PublicKey.FromMultibase(org.PublicKeyMultibase).Value;
        if (!string.IsNullOrWhiteSpace(options.PublicHost))
        {
            var did = DidWeb.For(options.PublicHost.Trim(), "/orgs/" + org.Slug);
            return new IssuerIdentity(did, did + "#" + KeyFragment, publicKey);
        }

        var didKey = publicKey.ToDidKey();
        return new IssuerIdentity(didKey, didKey + "#" + publicKey.ToMultibase(), publicKey);
    }

    /// <summary>The organization's private key, decrypted for one signing; dispose it after use.</summary>
    public KeyPair SigningKey(Organization org)
    {
        ArgumentNullException.ThrowIfNull(org);
        var key = KeyPair.FromPrivateMultibase(_protector.Unprotect(org.ProtectedPrivateKey));
        return key.Value;
    }

    /// <summary>The did:web document of an organization, or null when no public host is configured or the slug is unknown.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject?> DidDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicHost))
        {
            return null;
        }

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null)
        {
            return null;
        }

        var identity = Identity(org);
        return DidWebDocumentBuilder.Build(identity.Did, [new PublishedKey(KeyFragment, identity.PublicKey)]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex SlugPattern();
}
