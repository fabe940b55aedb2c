using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Publishes each organization's Bitstring Status List (W3C Bitstring Status List v1.0 §2.2): a BitstringStatusListCredential
/// signed with eddsa-rdfc-2022, whose encodedList is the multibase base64url (no padding) of the GZIP-compressed bitstring
/// (index 0 is the left-most bit of the first byte). Stored, and re-signed when a credential on the list is revoked.
/// </summary>
public sealed class StatusListPublisher(AppDbContext db, OrganizationKeys keys, IOptions<DeploymentOptions> options, TimeProvider time)
{
    public static readonly string[] Purposes = ["revocation"];

    /// <summary>The signed list, or null when the organization, purpose or list is unknown.</summary>
    public async Task<string?> GetAsync(string slug, string purpose, int number, CancellationToken cancellationToken = default)
    {
        if (!Purposes.Contains(purpose) || number != 1)
        {
            return null;
        }

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null)
        {
            return null;
        }

        var stored = await db.StatusLists.AsNoTracking().FirstOrDefaultAsync(l => l.OrganizationId == org.Id && l.Purpose == purpose && l.Number == number, cancellationToken);
        return stored?.Json ?? await PublishAsync(org.Id, purpose, number, cancellationToken);
    }

    /// <summary>Builds, signs and stores the list from the database's revocations; returns its JSON.</summary>
    public async Task<string> PublishAsync(Guid organizationId, string purpose, int number, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var revoked = await db.Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.StatusPurpose == purpose && c.StatusListNumber == number && c.RevokedAt != null)
            .Select(c => c.StatusListIndex).ToListAsync(cancellationToken);
        var url = CredentialIssuer.StatusListUrl(options.Value, org.Slug, purpose, number);
        var identity = keys.Identity(org);
        var now = time.GetUtcNow().UtcDateTime;
        var list = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = identity.Did,
            ["validFrom"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = url + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = purpose,
                ["encodedList"] = Encode(revoked, CredentialIssuer.StatusListSize),
            },
        };

        string json;
        using (var key = keys.SigningKey(org))
        {
            var signed = new DataIntegritySigner(Cryptosuites.Default, time).Sign(list, key,
                new ProofOptions { Cryptosuite = CredentialIssuer.Cryptosuite, VerificationMethod = identity.VerificationMethod });
            json = StrictJson.Serialize(signed.Value, indented: true);
        }

        var stored = await db.StatusLists.FirstOrDefaultAsync(l => l.OrganizationId == organizationId && l.Purpose == purpose && l.Number == number, cancellationToken);
        if (stored is null)
        {
            db.StatusLists.Add(new StatusListDocument { Id = Guid.NewGuid(), OrganizationId = organizationId, Purpose = purpose, Number = number, Json = json, UpdatedAt = now });
        }
        else
        {
            stored.Json = json;
            stored.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first requests raced to store the list: either copy is a valid signed list of the same state.
        }

        return json;
    }

    /// <summary>The multibase (base64url, "u") GZIP of a bitstring of <paramref name="size"/> bits with the given indexes set.</summary>
    public static string Encode(IEnumerable<int> setIndexes, int size)
    {
        ArgumentNullException.ThrowIfNull(setIndexes);
        var bits = new byte[size / 8];
        foreach (var index in setIndexes)
        {
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + Base64Url.Encode(buffer.ToArray());
    }
}
