using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>
/// What every VC API request passes first: a known organization and suite (404), a valid key or access token (401 with a
/// Bearer challenge), a key of that organization (403), and the key's rate limit (429 with Retry-After).
/// </summary>
public sealed class ApiGate(AppDbContext db, ApiKeys keys, ApiRateLimiter limiter)
{
    public ApiCaller? Caller { get; private set; }

    public async Task<(Organization? Org, IResult? Refused)> CheckAsync(HttpContext http, string slug, string suite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null || !VcApiEndpoints.Suites.Contains(suite))
        {
            return (null, Results.NotFound());
        }

        Caller = await keys.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, cancellationToken);
        if (Caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return (null, VcApiEndpoints.Error(StatusCodes.Status401Unauthorized, new(OAuthErrorCodes.InvalidToken, "An API key or access token of this organization is required.")));
        }

        if (Caller.OrganizationId != org.Id)
        {
            return (null, VcApiEndpoints.Error(StatusCodes.Status403Forbidden, new("insufficient_scope", "This key belongs to another organization.")));
        }

        if (!limiter.TryAcquire(Caller.KeyId))
        {
            http.Response.Headers.RetryAfter = "60";
            return (null, VcApiEndpoints.Error(StatusCodes.Status429TooManyRequests, new("rate_limited", "Too many requests for this key. Try again in a minute.")));
        }

        return (org, null);
    }
}
