using OpenLer.Credentials.Common;
using OpenLer.Credentials.Status;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Status list credentials of this deployment, answered from the database (the signed lists it publishes), each fetch in
/// a scope of its own so the checker that verified the list can be kept between requests; lists of other deployments
/// cannot be retrieved (no network), so their status "could not be checked".
/// </summary>
internal sealed class LocalStatusListFetcher(IServiceScopeFactory scopes, DeploymentOptions options) : IStatusListFetcher
{
    public async ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        var address = StatusListAddress.Parse(options, url);
        if (address is not null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var published = address.Purpose == StatusListAddress.TokenPurpose
                ? await scope.ServiceProvider.GetRequiredService<TokenStatusLists>().GetAsync(address.Slug, address.Number, cancellationToken)
                : await scope.ServiceProvider.GetRequiredService<StatusListPublisher>().GetAsync(address.Slug, address.Purpose, address.Number, cancellationToken);
            if (published is not null)
            {
                return published;
            }
        }

        return Outcome.Error(ErrorCodes.StatusRetrieval,
            "The status list is not published by this deployment, and this server does not fetch lists from the network.");
    }
}
