using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.StatusLists;

/// <summary>
/// Each organization's status lists: index allocation that never hands an index out twice (also across instances), the
/// W3C Bitstring Status Lists of its Open Badges and the IETF Token Status Lists of its SD-JWT VCs, signed and published
/// at <see cref="StatusListAddress"/>. Issuance allocates and revokes through it; verification reads it.
/// </summary>
public static class StatusListsFeature
{
    public static IServiceCollection AddStatusLists(this IServiceCollection services)
    {
        services.AddScoped<StatusListPublisher>();
        services.AddScoped<StatusIndexAllocator>();
        services.AddScoped<TokenStatusLists>();

        // A revocation on a token list changes how a credential verifies on every instance (caches key on the stamp).
        services.AddOrganizationStamp<TokenStatusEntry>(e => e.OrganizationId, properties: nameof(TokenStatusEntry.RevokedAt));
        return services;
    }

    /// <summary>The published lists (public, cacheable by verifiers).</summary>
    public static IEndpointRouteBuilder MapStatusLists(this IEndpointRouteBuilder app)
    {
        app.MapGet(OrganizationAddresses.StatusListRoute, async (string slug, string purpose, int number,
            StatusListPublisher lists, TokenStatusLists tokens, CancellationToken ct) =>
        {
            if (purpose == StatusListAddress.TokenPurpose)
            {
                // draft-ietf-oauth-status-list §8.1: the Status List Token as application/statuslist+jwt.
                var token = await tokens.GetAsync(slug, number, ct);
                return token is null ? Results.NotFound() : Results.Text(token, "application/statuslist+jwt");
            }

            var json = await lists.GetAsync(slug, purpose, number, ct);
            return json is null ? Results.NotFound() : Results.Text(json, "application/vc+ld+json");
        }).AllowCaching();
        return app;
    }
}
