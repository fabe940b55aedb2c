using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>An organization's issuer identity for one of its keys: its DID and the verification method its credentials name.</summary>
public sealed record IssuerIdentity(string Did, string VerificationMethod, PublicKey PublicKey, Guid KeyId);

/// <summary>
/// Creates organizations (with their first Ed25519 signing key and their data keys) and rotates signing keys. An
/// organization is <c>did:web:{PublicHost}:orgs:{slug}</c> when a public host is configured, its document listing every
/// key it ever signed with; otherwise each key is its own did:key and all of them stay on the trust list.
/// </summary>
public sealed partial class OrganizationKeys(AppDbContext db, IDataProtectionProvider protection, DataKeyRing dataKeys, IOptions<DeploymentOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("OpenLer.IssuerKeys.v1");

    public async Task<Organization> CreateAsync(string name, string slug, IEnumerable<string> siteNames, CancellationToken cancellationToken = default)
    {
        if (!SlugPattern().IsMatch(slug))
        {
            throw new ArgumentException("A slug is 2-64 lowercase letters, digits and hyphens.", nameof(slug));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var org = new Organization { Id = Guid.NewGuid(), Name = name, Slug = slug, CreatedAt = now };
        db.Organizations.Add(org);
        db.Set<OrganizationKey>().Add(NewKey(org.Id, 1, 1, now));
        dataKeys.Create(db, org.Id, DataKeyPurpose.Encryption);
        dataKeys.Create(db, org.Id, DataKeyPurpose.Index);
        foreach (var site in siteNames)
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), OrganizationId = org.Id, Name = site });
        }

        await db.SaveChangesAsync(cancellationToken);
        return org;
    }

    /// <summary>The key that signs new credentials (the newest not retired).</summary>
    public async Task<OrganizationKey> ActiveKeyAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        await db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == organizationId && k.RetiredAt == null)
            .OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException("The organization has no active signing key.");

    public Task<List<OrganizationKey>> KeysAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == organizationId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Rotates the organization's signing key: a new key signs from now on (and its own status list); the old one is retired
    /// but stays published, so every credential it signed keeps verifying.
    /// </summary>
    public async Task<OrganizationKey> RotateAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keys = await db.Set<OrganizationKey>().Where(k => k.OrganizationId == organizationId).ToListAsync(cancellationToken);
        foreach (var key in keys.Where(k => k.RetiredAt is null))
        {
            key.RetiredAt = now;
        }

        // A new key starts a list number no key and no list (StatusListAllocation: a key's further lists) has used.
        var highestList = await db.Set<StatusListAllocation>().Where(a => a.OrganizationId == organizationId).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0;
        var next = NewKey(organizationId, keys.Count + 1, Math.Max(highestList, keys.Count == 0 ? 0 : keys.Max(k => k.StatusListNumber)) + 1, now);
        db.Set<OrganizationKey>().Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    public IssuerIdentity Identity(Organization org, OrganizationKey key) => Identity(org, key, options.Value);

    public static IssuerIdentity Identity(Organization org, OrganizationKey key, DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        var publicKey = PublicKey.FromMultibase(key.PublicKeyMultibase).Value;
        if (!string.IsNullOrWhiteSpace(options.PublicHost))
        {
            var did = DidWeb(org, options);
            return new IssuerIdentity(did, did + "#" + key.Fragment, publicKey, key.Id);
        }

        var didKey = publicKey.ToDidKey();
        return new IssuerIdentity(didKey, didKey + "#" + publicKey.ToMultibase(), publicKey, key.Id);
    }

    public static string DidWeb(Organization org, DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(org);
        return OrganizationAddresses.DidWeb(options, org.Slug);
    }

    /// <summary>The organization's private key, decrypted for one signing; dispose it after use.</summary>
    public KeyPair SigningKey(OrganizationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyPair.FromPrivateMultibase(_protector.Unprotect(key.ProtectedPrivateKey)).Value;
    }

    /// <summary>The did:web document of an organization, or null when no public host is configured or the slug is unknown.</summary>
    public async Task<JsonObject?> DidDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicHost))
        {
            return null;
        }

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        return org is null ? null : DidDocument(org, await KeysAsync(org.Id, cancellationToken), options.Value);
    }

    /// <summary>The did:web document listing every key of the organization (retired ones too: their credentials still verify).</summary>
    public static JsonObject DidDocument(Organization org, IEnumerable<OrganizationKey> keys, DeploymentOptions options) =>
        DidWebDocumentBuilder.Build(DidWeb(org, options),
            [.. keys.OrderByDescending(k => k.CreatedAt).Select(k => new PublishedKey(k.Fragment, PublicKey.FromMultibase(k.PublicKeyMultibase).Value))]);

    private OrganizationKey NewKey(Guid organizationId, int number, int statusList, DateTime now)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        return new OrganizationKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Fragment = "key-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PublicKeyMultibase = key.PublicKey.ToMultibase(),
            ProtectedPrivateKey = _protector.Protect(key.ExportPrivateMultibase()),
            StatusListNumber = statusList,
            CreatedAt = now,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex SlugPattern();
}
