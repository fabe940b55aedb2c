using OpenLer.Credentials.Json;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Organizations;

/// <summary>Machine endpoints of an organization: its did:web document (public, cacheable by verifiers); its status lists are Features/StatusLists.</summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(OrganizationAddresses.DidDocumentRoute, async (string slug, OrganizationKeys keys, CancellationToken ct) =>
        {
            var document = await keys.DidDocumentAsync(slug, ct);
            return document is null
                ? Results.NotFound()
                : Results.Text(StrictJson.Serialize(document, indented: true), "application/did+json");
        }).AllowCaching();
        return app;
    }
}
