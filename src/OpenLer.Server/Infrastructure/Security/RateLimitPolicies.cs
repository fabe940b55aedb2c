namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Names of the rate-limit policies (ASP.NET Core rate limiting), each partitioned by client address after trusted
/// forwarded headers (<see cref="ClientAddress"/>). Attach a stricter one to a page with
/// <c>[EnableRateLimiting(RateLimitPolicies.CodeAttempt)]</c> on its page model, or to an endpoint with
/// <c>.RequireRateLimiting(...)</c>. Every request also passes the global limit (<see cref="Public"/> for anonymous
/// requests, <see cref="SignedIn"/> per account), so endpoints that do not exist yet are covered without opting in.
/// Values: <see cref="RateLimitSettings"/> (configuration section <c>OpenLer:RateLimits</c>); limits are per instance.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Asking for a sign-in code to be sent (SMS and e-mail cost money and annoy people). POST only.</summary>
    public const string CodeRequest = "code-request";

    /// <summary>Entering a sign-in code (ASVS 6.6.3: brute force of a 6-digit code). POST only.</summary>
    public const string CodeAttempt = "code-attempt";

    /// <summary>Staff password sign-in attempts (ASVS 6.3.1: credential stuffing and spraying). POST only.</summary>
    public const string PasswordAttempt = "password-attempt";

    /// <summary>Checking a credential on the Verify page or <c>POST /api/verify</c> (CPU-heavy). POST only.</summary>
    public const string Verify = "verify";

    /// <summary>Opening a share link (each open verifies every shared credential).</summary>
    public const string ShareOpen = "share-open";

    /// <summary>The funder's report endpoint (each read aggregates the organization's whole funnel), every method, by address.</summary>
    public const string Report = "report";

    /// <summary>The global limit of every anonymous request, by client address (applied to all endpoints and 404s).</summary>
    public const string Public = "public";

    /// <summary>The global limit of every signed-in request, by account rather than address (a CBO office shares one address).</summary>
    public const string SignedIn = "signed-in";
}
