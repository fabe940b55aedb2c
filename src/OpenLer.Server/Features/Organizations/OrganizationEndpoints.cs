using OpenLer.Credentials.Json;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Organizations;

/// <summary>Machine endpoints of an organization: its did:web document and its status lists (public, cacheable by verifiers).</summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orgs/{slug}/did.json", async (string slug, OrganizationKeys keys, CancellationToken ct) =>
        {
            var document = await keys.DidDocumentAsync(slug, ct);
            return document is null
                ? Results.NotFound()
                : Results.Text(StrictJson.Serialize(document, indented: true), "application/did+json");
        }).AllowCaching();
        app.MapGet("/orgs/{slug}/status/{purpose}/{number:int}", async (string slug, string purpose, int number,
            Issuance.StatusListPublisher lists, CancellationToken ct) =>
        {
            var json = await lists.GetAsync(slug, purpose, number, ct);
            return json is null ? Results.NotFound() : Results.Text(json, "application/vc+ld+json");
        }).AllowCaching();
        return app;
    }
}
