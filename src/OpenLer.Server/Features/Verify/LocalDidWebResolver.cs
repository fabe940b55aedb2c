using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Answers did:web identifiers of this deployment's organizations from the database (DID Web Method §3.2, without the
/// network). A singleton: each resolution reads the organization (with its stamp) in a scope of its own, and the parsed
/// document is cached per slug and stamp, so a key rotation is seen at once.
/// </summary>
internal sealed class LocalDidWebResolver(IServiceScopeFactory scopes, DeploymentOptions options, VerificationCache cache) : IDidResolver
{
    public async ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        if (OrganizationAddresses.SlugOfDidWeb(options, did) is { } slug)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
            if (org is not null)
            {
                var key = (nameof(LocalDidWebResolver), did, org.Stamp);
                if (cache.TryGet<Outcome<DidDocument>>(key, out var cached))
                {
                    return cached;
                }

                var keys = await db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == org.Id).ToListAsync(cancellationToken);
                var document = DidDocumentReader.Read(OrganizationKeys.DidDocument(org, keys, options), did);
                cache.Set(key, document);
                return document;
            }
        }

        return Outcome.Error(ErrorCodes.DidResolution,
            "This did:web is not an organization of this deployment, and this server does not fetch documents from the network.");
    }
}
